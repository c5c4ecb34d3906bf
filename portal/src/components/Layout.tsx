import { useEffect, useState } from "react";
import { NavLink, Outlet, useLocation } from "react-router";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import { beginSignOut, endSession } from "../auth/session";
import { useViewer } from "../auth/viewer";
import { ErrorMessage, Loading } from "./States";
import { LanguageSwitch } from "./LanguageSwitch";
import { GlobalSearch } from "./GlobalSearch";
import { navGroupsFor } from "../routes";
import { DealerAdminQuery } from "../users/ops";
import { OpenSignalsBadge } from "../signals/OpenSignalsBadge";
import { Bell } from "../notifications/Bell";
import { UnsubscribePushMutation } from "../pwa/ops";
import { unsubscribeDevice } from "../pwa/push";

const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

/**
 * The app shell: a header with search, notifications, language and
 * sign-out, and the viewer's menu by heading — a column beside the page on
 * a wide screen, behind the Menu button on a narrow one.
 */
export function Layout() {
  const { t } = useTranslation();
  const [menuOpen, setMenuOpen] = useState(false);
  const { pathname } = useLocation();
  // A page chosen from the open menu closes it.
  useEffect(() => setMenuOpen(false), [pathname]);
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setMenuOpen(false);
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [menuOpen]);
  const [{ data, error, fetching }, refetch] = useViewer();
  // Only a dealer user asks whether it administers its dealer's users.
  const [{ data: admin }] = useQuery({ query: DealerAdminQuery, pause: data?.me.role !== "DEALER" });
  const [, logout] = useMutation(LogoutMutation);
  const [, unsubscribePush] = useMutation(UnsubscribePushMutation);
  const me = data?.me;

  const signOut = async () => {
    // End the token on the server too; the portal signs out either way.
    beginSignOut();
    // Notifications on this device were the person's: they stop with the
    // session, so whoever uses the browser next sees none of them.
    const endpoint = await unsubscribeDevice().catch(() => null);
    if (endpoint) await unsubscribePush({ endpoint }).catch(() => undefined);
    await logout({}).catch(() => undefined);
    endSession("signedOut");
  };

  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="header">
        <div className="header-brand">
          <span className="brand">{t("app.name")}</span>
          <span className="tagline">{t("app.tagline")}</span>
        </div>
        {me && (
          <button
            type="button"
            className="button button-quiet menu-toggle"
            data-action="menu"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            {t(menuOpen ? "nav.closeMenu" : "nav.menu")}
          </button>
        )}
        <div className="header-tools">
          {me && <GlobalSearch />}
          {me && <Bell />}
          <LanguageSwitch />
          {me && (
            <div className="user">
              <NavLink to="/settings" className="user-name" title={`${me.email} · ${t("settings.title")}`} data-link="settings">
                {t("app.signedInAs", { name: me.name })}
              </NavLink>
              <button type="button" className="button button-quiet" onClick={signOut}>
                {t("app.signOut")}
              </button>
            </div>
          )}
        </div>
      </header>
      <div className="shell">
        {me && (
          <nav id="main-nav" className={menuOpen ? "nav nav-open" : "nav"} aria-label={t("app.mainNav")}>
            {navGroupsFor(me.role, admin?.me.dealerAdmin ?? false).map((group) => (
              <div className="nav-group" key={group.label}>
                <p className="nav-heading" id={group.label.replaceAll(".", "-")}>
                  {t(group.label)}
                </p>
                <ul aria-labelledby={group.label.replaceAll(".", "-")}>
                  {group.items.map((item) => (
                    <li key={item.to}>
                      <NavLink to={item.to} end={item.to === "/"}>
                        {t(item.label)}
                        {item.to === "/signals" && <OpenSignalsBadge />}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </nav>
        )}
        <main id="main" className="main" tabIndex={-1}>
          {fetching && !data ? (
            <Loading />
          ) : error && !data ? (
            <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
          ) : (
            <Outlet />
          )}
        </main>
      </div>
    </>
  );
}
