import { MantineProvider, createTheme } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "react-router";
import { SessionProvider } from "../auth/session";
import { ApiFailure } from "../api/client";
import { router } from "./router";

const theme = createTheme({
  primaryColor: "green",
  // LINE's green, darkened where text sits on it so that contrast passes (axe).
  colors: {
    green: ["#e6f9ee", "#c3efd4", "#9de4b8", "#72d89a", "#4ccd80", "#06c755", "#05a347", "#047a35", "#035c28", "#023d1a"],
  },
  primaryShade: 7,
  fontFamily: '"Hiragino Sans", "Noto Sans JP", "IPAPGothic", "IPAGothic", "Yu Gothic", system-ui, sans-serif',
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      refetchOnWindowFocus: true,
      // 4xx are answers (not found, forbidden), not blips: no retry.
      retry: (count, error) => !(error instanceof ApiFailure && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

export function App() {
  return (
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
