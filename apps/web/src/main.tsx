// First: read the starting history entry before the router touches it.
import "./shared/startupLocation.ts";
import { startReactDsfr } from "@codegouvfr/react-dsfr/spa";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Link } from "react-router";
import { App } from "./app/App.tsx";

// DSFR components (Header, Footer, cards…) render their links with the router's Link.
declare module "@codegouvfr/react-dsfr/spa" {
  interface RegisterLink {
    Link: typeof Link;
  }
}

startReactDsfr({ defaultColorScheme: "system", Link });

const container = document.getElementById("root");
if (!container) throw new Error("Élément #root introuvable dans index.html.");

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
