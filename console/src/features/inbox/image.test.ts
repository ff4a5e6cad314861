import { describe, expect, it } from "vitest";
import { imageProblem } from "./ReplyBox";
import { MAX_IMAGE_BYTES } from "./api";

describe("imageProblem", () => {
  it("accepts a JPEG or PNG within LINE's 10 MB", () => {
    expect(imageProblem({ type: "image/jpeg", size: 1024 })).toBeNull();
    expect(imageProblem({ type: "image/png", size: MAX_IMAGE_BYTES })).toBeNull();
  });

  it("refuses other types before uploading anything", () => {
    expect(imageProblem({ type: "image/gif", size: 10 })).toBe("imageType");
    expect(imageProblem({ type: "", size: 10 })).toBe("imageType");
  });

  it("refuses an image over LINE's limit", () => {
    expect(imageProblem({ type: "image/png", size: MAX_IMAGE_BYTES + 1 })).toBe("imageSize");
  });
});
