import { useEffect } from "react";
import { Navigate, Route, Routes, useLocation, useNavigate } from "react-router";
import { Layout } from "./components/Layout";
import { useSession } from "./auth/SessionProvider";
import { sessionEndReason } from "./auth/session";
import { useViewer } from "./auth/viewer";
import { startPath } from "./routes";
import { SignIn } from "./pages/SignIn";
import { Home } from "./pages/Home";
import { Catalogue } from "./pages/Catalogue";
import { Dealers } from "./pages/Dealers";
import { DealerDetail } from "./pages/DealerDetail";
import { NotFound } from "./pages/NotFound";
import { Orders } from "./pages/Orders";
import { OrderDetail } from "./pages/OrderDetail";
import { PlaceOrder } from "./pages/PlaceOrder";
import { Statement } from "./pages/Statement";
import { FollowUps } from "./pages/FollowUps";
import { Search } from "./pages/Search";
import { Tickets } from "./pages/Tickets";
import { NewTicket } from "./pages/NewTicket";
import { TicketDetail } from "./pages/TicketDetail";
import { PushSettings } from "./pages/PushSettings";
import { openPolicyPages } from "./OpenPolicyRoutes";
import { incentivePages } from "./IncentiveRoutes";
import { factPages } from "./FactsRoutes";
import { appraisalPages } from "./AppraisalRoutes";
import { signalPages } from "./SignalRoutes";
import { webhookPages } from "./WebhookRoutes";
import { auditPages } from "./AuditRoutes";
import { announcementPages } from "./AnnouncementRoutes";
import { notificationPages } from "./NotificationRoutes";
import { PushResync } from "./pwa/PushResync";
import { publicAccountPages, userPages } from "./UserRoutes";
import { returnPages } from "./ReturnRoutes";
import { fundPages } from "./FundRoutes";
import { agreementPages } from "./AgreementRoutes";
import { dealPages } from "./DealRoutes";

/** Pages behind sign-in: without a session, go to sign-in and come back after. */
function RequireSession() {
  const { token } = useSession();
  const location = useLocation();
  if (!token) {
    // After signing out, the next person starts afresh; after a refused
    // token, signing in again returns to the page that was open.
    const from = sessionEndReason() === "signedOut" ? undefined : location;
    return <Navigate to="/signin" replace state={{ from }} />;
  }
  return (
    <>
      <PushResync />
      <Layout />
    </>
  );
}

/**
 * Opens the page a clicked notification links to, when the service worker
 * cannot navigate this window itself.
 */
function NotificationLinks() {
  const navigate = useNavigate();
  useEffect(() => {
    if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return;
    const onMessage = (e: MessageEvent) => {
      const link = e.data?.type === "open" ? e.data.link : null;
      if (typeof link === "string" && link.startsWith("/") && !link.startsWith("//")) navigate(link);
    };
    navigator.serviceWorker.addEventListener("message", onMessage);
    return () => navigator.serviceWorker.removeEventListener("message", onMessage);
  }, [navigate]);
  return null;
}

/** "/" is the dealer's Home; staff start on their own first page. */
function Start() {
  const [{ data }] = useViewer();
  const role = data?.me.role;
  if (!role) return null;
  if (role === "DEALER") return <Home />;
  return <Navigate to={startPath(role)} replace />;
}

export function App() {
  return (
    <>
      <NotificationLinks />
      <Routes>
        <Route path="/signin" element={<SignIn />} />
        {publicAccountPages}
        <Route element={<RequireSession />}>
          <Route index element={<Start />} />
          <Route path="catalogue" element={<Catalogue />} />
          <Route path="dealers" element={<Dealers />} />
          <Route path="dealers/:id" element={<DealerDetail />} />
          <Route path="dealers/:id/statement" element={<Statement />} />
          <Route path="statement" element={<Statement />} />
          <Route path="orders" element={<Orders />} />
          <Route path="orders/new" element={<PlaceOrder />} />
          <Route path="orders/:id" element={<OrderDetail />} />
          <Route path="follow-ups" element={<FollowUps />} />
          <Route path="search" element={<Search />} />
          <Route path="tickets" element={<Tickets />} />
          <Route path="tickets/new" element={<NewTicket />} />
          <Route path="tickets/:id" element={<TicketDetail />} />
          {openPolicyPages}
          {incentivePages}
          {factPages}
          {appraisalPages}
          {signalPages}
          {webhookPages}
          {auditPages}
          {announcementPages}
          {notificationPages}
          {userPages}
          {returnPages}
          {fundPages}
          {agreementPages}
          {dealPages}
          <Route path="settings/push" element={<PushSettings />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </>
  );
}
