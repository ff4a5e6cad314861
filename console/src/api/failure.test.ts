import { describe, expect, it } from "vitest";
import { failureFrom } from "./client";

describe("failureFrom", () => {
  it("keeps each 422 detail by its field path", () => {
    const f = failureFrom(422, {
      message: "invalid request",
      details: [
        { field: "sender.name", message: "at most 20 characters" },
        { field: "messages[1].text", message: "must not be empty" },
      ],
    });
    expect(f.status).toBe(422);
    expect(f.fields["sender.name"]).toBe("at most 20 characters");
    expect(f.fields["messages[1].text"]).toBe("must not be empty");
  });

  it("survives a body that is not the API's error shape", () => {
    const f = failureFrom(502, "<html>bad gateway</html>");
    expect(f.message).toBe("HTTP 502");
    expect(f.fields).toEqual({});
  });
});
