package mail

import (
	"bytes"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
)

// LinkPurpose is what a one-time link in an e-mail is for.
type LinkPurpose string

const (
	Invitation    LinkPurpose = "invitation"
	PasswordReset LinkPurpose = "reset-password"
)

// linkWords are an e-mail with a one-time link, by purpose and locale.
type linkWords struct {
	Lang, Subject, Greeting, Body, Button, Expiry, Ignore string
}

var linkWording = map[LinkPurpose]map[string]linkWords{
	Invitation: {
		English: {
			Lang:     "en",
			Subject:  "You are invited to Dealerline",
			Greeting: "Hello %s,",
			Body:     "%s invited you to Dealerline. Open the link below to choose your password and sign in.",
			Button:   "Accept the invitation",
			Expiry:   "The link works once and for 7 days.",
			Ignore:   "If you did not expect this invitation, ignore this e-mail.",
		},
		Chinese: {
			Lang:     "zh-CN",
			Subject:  "邀请您加入 Dealerline",
			Greeting: "%s，您好：",
			Body:     "%s 邀请您使用 Dealerline。请打开下面的链接设置密码并登录。",
			Button:   "接受邀请",
			Expiry:   "该链接只能使用一次，7 天内有效。",
			Ignore:   "如果您没有预期收到此邀请，请忽略本邮件。",
		},
	},
	PasswordReset: {
		English: {
			Lang:     "en",
			Subject:  "Reset your Dealerline password",
			Greeting: "Hello %s,",
			Body:     "Someone asked to reset the password of your Dealerline account. Open the link below to choose a new one.",
			Button:   "Choose a new password",
			Expiry:   "The link works once and for one hour.",
			Ignore:   "If you did not ask for this, ignore this e-mail: your password stays as it is.",
		},
		Chinese: {
			Lang:     "zh-CN",
			Subject:  "重置您的 Dealerline 密码",
			Greeting: "%s，您好：",
			Body:     "有人请求重置您的 Dealerline 账户密码。请打开下面的链接设置新密码。",
			Button:   "设置新密码",
			Expiry:   "该链接只能使用一次，1 小时内有效。",
			Ignore:   "如果这不是您本人的请求，请忽略本邮件，您的密码不会改变。",
		},
	},
}

var (
	linkText = texttemplate.Must(texttemplate.ParseFS(templates, "templates/link.txt"))
	linkHTML = htmltemplate.Must(htmltemplate.ParseFS(templates, "templates/link.html"))
)

// LinkURL is the portal address of a one-time link with secret.
func (c Composer) LinkURL(purpose LinkPurpose, secret string) string {
	return strings.TrimRight(c.PublicURL, "/") + "/" + string(purpose) + "/" + secret
}

// ComposeLink writes the e-mail to address to, in locale, that carries a
// one-time link: an invitation from inviter, or a password reset, greeting
// name.
func (c Composer) ComposeLink(purpose LinkPurpose, locale, to, name, inviter, secret string) (Message, error) {
	w, ok := linkWording[purpose][locale]
	if !ok {
		w = linkWording[purpose][English]
	}
	data := struct {
		Words               linkWords
		Greeting, Body, URL string
	}{
		Words:    w,
		Greeting: strings.Replace(w.Greeting, "%s", name, 1),
		Body:     strings.Replace(w.Body, "%s", inviter, 1),
		URL:      c.LinkURL(purpose, secret),
	}
	var text, html bytes.Buffer
	if err := linkText.Execute(&text, data); err != nil {
		return Message{}, err
	}
	if err := linkHTML.Execute(&html, data); err != nil {
		return Message{}, err
	}
	return Message{To: to, Subject: oneLine(w.Subject), Text: text.String(), HTML: html.String()}, nil
}
