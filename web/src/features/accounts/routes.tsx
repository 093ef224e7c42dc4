import { lazyPage } from "../../app/lazy-page.ts";
import type { FeatureRoutes } from "../../app/routes.ts";

const SignUpPage = lazyPage(() => import("./pages/SignUpPage.tsx"), "SignUpPage");
const LogInPage = lazyPage(() => import("./pages/LogInPage.tsx"), "LogInPage");
const SettingsPage = lazyPage(() => import("./pages/SettingsPage.tsx"), "SettingsPage");
const VerificationPage = lazyPage(() => import("./pages/VerificationPage.tsx"), "VerificationPage");
const ProfilePage = lazyPage(() => import("./pages/ProfilePage.tsx"), "ProfilePage");

export const accountsRoutes = {
  signup: <SignUpPage />,
  login: <LogInPage />,
  settings: <SettingsPage />,
  verification: <VerificationPage />,
  profile: <ProfilePage />,
} satisfies FeatureRoutes;
