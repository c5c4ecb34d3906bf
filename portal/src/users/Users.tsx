import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { PersonalDataActions } from "../personal/PersonalData";
import { useMutation, useQuery } from "urql";
import type { UserRole } from "../gql/graphql";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { NotFound } from "../pages/NotFound";
import { refusal } from "../errors";
import {
  ActivateUserMutation,
  DeactivateUserMutation,
  InviteDealersQuery,
  InviteUserMutation,
  ReinviteUserMutation,
  UsersQuery,
} from "./ops";

type Sent = { email: string; link?: string | null };

/** A link to pass on by hand (no e-mail is sent), or word that it was e-mailed. */
function SentNotice({ sent }: { sent: Sent }) {
  const { t } = useTranslation();
  if (!sent.link) {
    return (
      <p className="notice" role="status" data-sent="email">
        {t("users.emailed", { email: sent.email })}
      </p>
    );
  }
  return (
    <div className="notice" role="status" data-sent="link">
      <p>{t("users.passOn", { email: sent.email })}</p>
      <input
        className="invite-link"
        readOnly
        value={sent.link}
        aria-label={t("users.link")}
        onFocus={(e) => e.target.select()}
        style={{ width: "100%" }}
      />
    </div>
  );
}

/**
 * The users the viewer manages: all for administrators, their dealers'
 * users for channel managers, its own dealer's for a dealer administrator
 * (anyone else gets the page-not-found page). Invite, deactivate, activate
 * and re-invite; the invitation link is shown when no e-mail carries it.
 */
export function Users() {
  const { t } = useTranslation();
  usePageTitle(t("users.title"));
  const [{ data, error, fetching }, refetch] = useQuery({ query: UsersQuery, requestPolicy: "cache-and-network" });
  const [sent, setSent] = useState<Sent | null>(null);
  const [action, act] = useState<{ fetching: boolean; error?: Parameters<typeof refusal>[1] }>({ fetching: false });
  const [, reinvite] = useMutation(ReinviteUserMutation);
  const [, deactivate] = useMutation(DeactivateUserMutation);
  const [, activate] = useMutation(ActivateUserMutation);

  const me = data?.me;
  if (me && me.role === "DEALER" && !me.dealerAdmin) return <NotFound />;
  const users = data?.users.edges?.map((e) => e!.node!) ?? [];

  const mayManage = (u: (typeof users)[number]) => {
    if (!me || u.id === me.id) return false;
    if (me.role === "ADMIN") return true;
    if (u.role !== "DEALER") return false;
    return me.role === "CHANNEL_MANAGER" || u.dealer?.id === me.dealer?.id;
  };
  const run = async (fn: () => Promise<{ error?: Parameters<typeof refusal>[1]; data?: unknown }>, after?: (d: unknown) => void) => {
    act({ fetching: true });
    const r = await fn();
    act({ fetching: false, error: r.error });
    if (!r.error) {
      after?.(r.data);
      refetch({ requestPolicy: "network-only" });
    }
  };

  return (
    <section aria-labelledby="users-title" className="users">
      <h1 id="users-title">{t("users.title")}</h1>
      <p className="lead">{me?.role === "ADMIN" ? t("users.introAdmin") : me?.role === "CHANNEL_MANAGER" ? t("users.introManager") : t("users.introDealer")}</p>
      {me && <InviteForm role={me.role} onSent={(s) => { setSent(s); refetch({ requestPolicy: "network-only" }); }} />}
      {sent && <SentNotice sent={sent} />}
      {action.error && (
        <p className="state state-error" role="alert">
          {refusal(t, action.error, "users.refused")}
        </p>
      )}
      <h2>{t("users.list")}</h2>
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : users.length === 0 ? (
        <Empty>{t("users.none")}</Empty>
      ) : (
        <div className="table-scroll">
          <table className="table users-list">
            <thead>
              <tr>
                <th scope="col">{t("users.user")}</th>
                <th scope="col">{t("users.role")}</th>
                <th scope="col">{t("users.status")}</th>
                <th scope="col">{t("users.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => {
                const status = !u.active ? "inactive" : u.invitationPending ? "invited" : "active";
                return (
                  <tr key={u.id} data-email={u.email} data-status={status}>
                    <th scope="row" data-label={t("users.user")}>
                      {u.name}
                      <div className="hint">{u.email}</div>
                    </th>
                    <td data-label={t("users.role")}>
                      {t(`users.roles.${u.role}`)}
                      {u.dealerAdmin && ` · ${t("users.dealerAdmin")}`}
                      {u.dealer && <div className="hint">{u.dealer.name}</div>}
                    </td>
                    <td data-label={t("users.status")}>{t(`users.statuses.${status}`)}</td>
                    <td data-label={t("users.actions")}>
                      {mayManage(u) && (
                        <div className="actions">
                          {u.active && (
                            <button type="button" className="button button-quiet" data-action="deactivate" disabled={action.fetching}
                              onClick={() => run(() => deactivate({ id: u.id }))}>
                              {t("users.deactivate")}
                            </button>
                          )}
                          {!u.active && !u.invitationPending && (
                            <button type="button" className="button button-quiet" data-action="activate" disabled={action.fetching}
                              onClick={() => run(() => activate({ id: u.id }))}>
                              {t("users.activate")}
                            </button>
                          )}
                          {(!u.active || u.invitationPending) && (
                            <button type="button" className="button button-quiet" data-action="reinvite" disabled={action.fetching}
                              onClick={() =>
                                run(() => reinvite({ id: u.id }), (d) => {
                                  const r = (d as { reinviteUser?: { link?: string | null } } | undefined)?.reinviteUser;
                                  setSent({ email: u.email, link: r?.link });
                                })
                              }>
                              {t("users.reinvite")}
                            </button>
                          )}
                        </div>
                      )}
                      <PersonalDataActions
                        subject={{ userID: u.id }}
                        name={u.name}
                        canExport={u.canExportPersonalData}
                        canErase={u.canErasePersonalData}
                        onErased={() => refetch({ requestPolicy: "network-only" })}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Invite someone: administrators choose any role, others invite DEALER users. */
function InviteForm({ role, onSent }: { role: UserRole; onSent: (s: Sent) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [userRole, setUserRole] = useState<UserRole>("DEALER");
  const [dealerID, setDealerID] = useState("");
  const [dealerAdmin, setDealerAdmin] = useState(false);
  const [locale, setLocale] = useState("");
  const staff = role !== "DEALER";
  const [{ data: dealers }] = useQuery({ query: InviteDealersQuery, pause: !staff });
  const [{ fetching, error }, invite] = useMutation(InviteUserMutation);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await invite({
      input: {
        email: email.trim(),
        name: name.trim(),
        role: userRole,
        dealerID: staff && userRole === "DEALER" && dealerID ? dealerID : null,
        dealerAdmin: userRole === "DEALER" ? dealerAdmin : null,
        locale: locale || null,
      },
    });
    if (r.data) {
      onSent({ email: r.data.inviteUser.user.email, link: r.data.inviteUser.link });
      setEmail("");
      setName("");
      setDealerAdmin(false);
    }
  };

  return (
    <form onSubmit={submit} className="form invite-form" noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("users.invite")}</h2>
      <div className="field">
        <label htmlFor={`${id}-email`}>{t("users.email")}</label>
        <input id={`${id}-email`} name="email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t("users.name")}</label>
        <input id={`${id}-name`} name="name" required value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      {role === "ADMIN" && (
        <div className="field">
          <label htmlFor={`${id}-role`}>{t("users.role")}</label>
          <select id={`${id}-role`} name="role" value={userRole} onChange={(e) => setUserRole(e.target.value as UserRole)}>
            {(["DEALER", "CHANNEL_MANAGER", "ADMIN"] as const).map((r) => (
              <option key={r} value={r}>
                {t(`users.roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      {staff && userRole === "DEALER" && (
        <div className="field">
          <label htmlFor={`${id}-dealer`}>{t("users.dealer")}</label>
          <select id={`${id}-dealer`} name="dealer" value={dealerID} onChange={(e) => setDealerID(e.target.value)}>
            <option value="">{t("users.chooseDealer")}</option>
            {dealers?.dealers.edges?.map((e) => (
              <option key={e!.node!.id} value={e!.node!.id}>
                {e!.node!.name} ({e!.node!.code})
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-locale`}>{t("users.language")}</label>
        <select id={`${id}-locale`} name="locale" value={locale} onChange={(e) => setLocale(e.target.value)}>
          <option value="">{t("users.installationLanguage")}</option>
          <option value="en">English</option>
          <option value="zh-CN">中文</option>
        </select>
      </div>
      {userRole === "DEALER" && (
        <label className="check">
          <input type="checkbox" name="dealerAdmin" checked={dealerAdmin} onChange={(e) => setDealerAdmin(e.target.checked)} />{" "}
          {t("users.makeDealerAdmin")}
        </label>
      )}
      {error && (
        <p className="state state-error" role="alert">
          {refusal(t, error, "users.refused")}
        </p>
      )}
      <button type="submit" className="button button-primary" data-action="invite" disabled={fetching}>
        {fetching ? t("users.inviting") : t("users.sendInvite")}
      </button>
    </form>
  );
}
