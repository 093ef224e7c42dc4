import { lazyPage } from "../../app/lazy-page.ts";
import type { FeatureRoutes } from "../../app/routes.ts";

const SignUpPage = lazyPage(() => import("./pages/SignUpPage.tsx"), "SignUpPage", ["accounts"]);
const LogInPage = lazyPage(() => import("./pages/LogInPage.tsx"), "LogInPage", ["accounts"]);
const SettingsPage = lazyPage(() => import("./pages/SettingsPage.tsx"), "SettingsPage", [
  "accounts",
  "notifications",
]);
const VerificationPage = lazyPage(() => import("./pages/VerificationPage.tsx"), "VerificationPage", [
  "accounts",
]);
const ForgotPasswordPage = lazyPage(() => import("./pages/ForgotPasswordPage.tsx"), "ForgotPasswordPage", [
  "accounts",
]);
const ResetPasswordPage = lazyPage(() => import("./pages/ResetPasswordPage.tsx"), "ResetPasswordPage", [
  "accounts",
]);
const ProfilePage = lazyPage(() => import("./pages/ProfilePage.tsx"), "ProfilePage", ["accounts"]);

export const accountsRoutes = {
  signup: <SignUpPage />,
  login: <LogInPage />,
  settings: <SettingsPage />,
  verification: <VerificationPage />,
  profile: <ProfilePage />,
  forgotPassword: <ForgotPasswordPage />,
  resetPassword: <ResetPasswordPage />,
} satisfies FeatureRoutes;
