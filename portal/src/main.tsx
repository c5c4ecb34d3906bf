import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import "./i18n";
import "./styles.css";
import { SessionProvider } from "./auth/SessionProvider";
import { App } from "./App";
import { registerServiceWorker } from "./pwa/offline";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <SessionProvider>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </SessionProvider>
  </StrictMode>,
);

// Installable, and open offline with what it last loaded (public/sw.js);
// not under the dev server, whose modules are not the built bundle.
if (import.meta.env.PROD) registerServiceWorker();
