package notify

import (
	"fmt"
	"strings"

	"github.com/dealerline/dealerline/ent"
)

// Locales are the languages notifications are written in.
var Locales = []string{"en", "zh-CN"}

// ValidLocale reports whether s is one of Locales.
func ValidLocale(s string) bool { return s == "en" || s == "zh-CN" }

// text is a notification's title and body, with {name} standing for its
// params.
type text struct{ title, body string }

// texts are each kind's, by locale. E-mail and push use them too.
var texts = map[Kind]map[string]text{
	OrderPlaced: {
		"en":    {"New order {number}", "{dealer} placed order {number}."},
		"zh-CN": {"新订单 {number}", "{dealer} 提交了订单 {number}。"},
	},
	OrderConfirmed: {
		"en":    {"Order {number} confirmed", "Your order {number} was confirmed by {actor}."},
		"zh-CN": {"订单 {number} 已确认", "您的订单 {number} 已由 {actor} 确认。"},
	},
	OrderRejected: {
		"en":    {"Order {number} rejected", "Your order {number} was rejected by {actor}. {note}"},
		"zh-CN": {"订单 {number} 被拒绝", "您的订单 {number} 被 {actor} 拒绝。{note}"},
	},
	OrderShipped: {
		"en":    {"Order {number} shipped", "Order {number} is on its way."},
		"zh-CN": {"订单 {number} 已发货", "订单 {number} 已在途。"},
	},
	OrderDelivered: {
		"en":    {"Order {number} delivered", "Every line of order {number} has been delivered."},
		"zh-CN": {"订单 {number} 已送达", "订单 {number} 的所有行已送达。"},
	},
	OrderOnCreditHold: {
		"en":    {"Order {number} on credit hold", "Order {number} of {dealer} exceeds the credit limit and waits for a release before it can be confirmed."},
		"zh-CN": {"订单 {number} 信用冻结", "{dealer} 的订单 {number} 超出信用额度，需解除冻结后才能确认。"},
	},
	CreditHoldReleased: {
		"en":    {"Credit hold released on {number}", "The credit hold on order {number} was released by {actor}. {note}"},
		"zh-CN": {"订单 {number} 已解除信用冻结", "订单 {number} 的信用冻结已由 {actor} 解除。{note}"},
	},
	ShipmentException: {
		"en":    {"Delivery problem: {number}", "Shipment {number} reported an exception. {location} {note}"},
		"zh-CN": {"配送异常：{number}", "货运 {number} 报告异常。{location} {note}"},
	},
	InvoiceIssued: {
		"en":    {"Invoice {number} issued", "Invoice {number} of {amount} has been issued, due on {due}."},
		"zh-CN": {"发票 {number} 已开具", "发票 {number}（金额 {amount}）已开具，到期日 {due}。"},
	},
	InvoiceOverdue: {
		"en":    {"Invoice {number} overdue", "Invoice {number} was due on {due} and is not paid in full."},
		"zh-CN": {"发票 {number} 已逾期", "发票 {number} 于 {due} 到期，尚未付清。"},
	},
	PolicyToAcknowledge: {
		"en":    {"Policy to acknowledge: {title}", "Please read and acknowledge version {version} of “{title}”."},
		"zh-CN": {"待确认政策：{title}", "请阅读并确认《{title}》第 {version} 版。"},
	},
	Announcement: {
		"en":    {"{title}", "A new announcement was published."},
		"zh-CN": {"{title}", "发布了一条新公告。"},
	},
	TicketReply: {
		"en":    {"Reply on ticket {number}", "{actor} replied on ticket {number}."},
		"zh-CN": {"工单 {number} 有新回复", "{actor} 回复了工单 {number}。"},
	},
	TicketOpened: {
		"en":    {"New ticket {number}", "{dealer} opened ticket {number}: {subject}"},
		"zh-CN": {"新工单 {number}", "{dealer} 提交了工单 {number}：{subject}"},
	},
	RebateTierReached: {
		"en":    {"Rebate tier reached: {rate}", "{title}: your invoiced sales of {period} reached {threshold}, the {rate} tier."},
		"zh-CN": {"返利达到新档位：{rate}", "「{title}」：您 {period} 的开票销售额已达 {threshold}，进入 {rate} 档位。"},
	},
	ReturnUpdated: {
		"en":    {"Return {number} updated", "Return {number} has a new status."},
		"zh-CN": {"退货 {number} 已更新", "退货 {number} 状态已更新。"},
	},
	FollowUpDue: {
		"en":    {"Follow-up due: {dealer}", "Due {due}: {text}"},
		"zh-CN": {"跟进到期：{dealer}", "{due} 到期：{text}"},
	},
	WebhookPaused: {
		"en":    {"Webhook paused: {url}", "Deliveries to {url} failed for a day; it is paused until resumed. {reason}"},
		"zh-CN": {"Webhook 已暂停：{url}", "向 {url} 的投递已失败一天，已暂停，恢复后继续。{reason}"},
	},
	ConflictCaseOpened: {
		"en":    {"Conflict case {number} opened", "A {severity} conflict case was opened by {actor}."},
		"zh-CN": {"冲突案件 {number} 已立案", "{actor} 提交了一起{severity}级冲突案件。"},
	},
	AgreementEnding: {
		"en":    {"Agreement {number} ends {endsOn}", "The {kind} agreement {number} with {dealer} ends on {endsOn}. {renewal}"},
		"zh-CN": {"协议 {number} 将于 {endsOn} 到期", "与 {dealer} 的协议 {number} 将于 {endsOn} 到期。{renewalZh}"},
	},
	SignalRaised: {
		"en":    {"Signal raised: rule {rule}", "A channel-change signal was raised for {subject} ({period})."},
		"zh-CN": {"预警：规则 {rule}", "{subject}（{period}）触发了渠道变革预警。"},
	},
}

// Render is the title and body of a notification of kind k with params, in
// locale (English when it has none). A param not given reads as nothing.
func Render(k Kind, params map[string]string, locale string) (title, body string) {
	byLocale := texts[k]
	t, ok := byLocale[locale]
	if !ok {
		t = byLocale["en"]
	}
	fill := func(s string) string {
		var b strings.Builder
		for {
			i := strings.IndexByte(s, '{')
			j := strings.IndexByte(s[i+1:], '}')
			if i < 0 || j < 0 {
				b.WriteString(s)
				break
			}
			b.WriteString(s[:i])
			b.WriteString(params[s[i+1:i+1+j]])
			s = s[i+2+j:]
		}
		return strings.TrimSpace(b.String())
	}
	return fill(t.title), fill(t.body)
}

// Link is the portal path of what n is about.
func Link(n *ent.Notification) string {
	id := 0
	if n.SubjectID != nil {
		id = *n.SubjectID
	}
	return LinkOf(n.Kind, id)
}

// LinkOf is the portal path of a notification of kind k about subject id.
func LinkOf(k Kind, id int) string {
	switch k {
	case OrderPlaced, OrderConfirmed, OrderRejected, OrderShipped, OrderDelivered, OrderOnCreditHold,
		CreditHoldReleased, ShipmentException:
		return fmt.Sprintf("/orders/%d", id)
	case InvoiceIssued, InvoiceOverdue:
		return "/statement"
	case PolicyToAcknowledge:
		return fmt.Sprintf("/policies/%d", id)
	case Announcement:
		return "/announcements"
	case TicketReply, TicketOpened:
		return fmt.Sprintf("/tickets/%d", id)
	case RebateTierReached:
		return "/incentives"
	case FollowUpDue:
		return fmt.Sprintf("/dealers/%d", id)
	case ConflictCaseOpened:
		return fmt.Sprintf("/conflicts/%d", id)
	case SignalRaised:
		return "/signals"
	case WebhookPaused:
		return fmt.Sprintf("/webhooks/%d", id)
	case ReturnUpdated:
		return fmt.Sprintf("/returns/%d", id)
	case AgreementEnding:
		return fmt.Sprintf("/agreements/%d", id)
	}
	return "/inbox"
}
