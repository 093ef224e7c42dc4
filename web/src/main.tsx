import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
import { loadLanguage, readStoredLocale } from "./app/i18n/I18nProvider.tsx";
import "./app/global.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
// A visitor who chose English gets the English catalogue before the first render (no flash of Chinese).
await loadLanguage(readStoredLocale()).catch(() => undefined);
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
