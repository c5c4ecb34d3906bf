// Package mail sends Dealerline's e-mail: notifications as they happen or
// as a daily digest, in the reader's language, as plain text and HTML with
// links into the portal. Each e-mail is a delivery record written before it
// is sent, in the transaction of what it tells (Queue), and sent after
// commit by one Runner at a time, retried with backoff and given up after a
// day (DESIGN.md §5's outbox is what the notifications are made from).
package mail

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
)

// Item is one thing an e-mail tells: a notification's title and body, in
// the reader's language, and the portal path it links to.
type Item struct {
	Title string
	Body  string
	Link  string // a portal path, e.g. /orders/12
}

// Message is an e-mail ready to send.
type Message struct {
	To      string
	Subject string
	Text    string
	HTML    string
}

// Locales the e-mails are written in; any other is mailed in English.
const (
	English = "en"
	Chinese = "zh-CN"
)

// words are the fixed parts of an e-mail, by locale.
type words struct {
	Lang, DigestSubject, Open, Footer, Settings string
}

var wording = map[string]words{
	English: {
		Lang:          "en",
		DigestSubject: "Dealerline: %d updates",
		Open:          "Open in Dealerline",
		Footer:        "You receive this because of your notification settings.",
		Settings:      "Change them",
	},
	Chinese: {
		Lang:          "zh-CN",
		DigestSubject: "Dealerline：%d 条更新",
		Open:          "在 Dealerline 中打开",
		Footer:        "您收到此邮件是因为您的通知设置。",
		Settings:      "修改设置",
	},
}

//go:embed templates
var templates embed.FS

var (
	textTemplate = texttemplate.Must(texttemplate.ParseFS(templates, "templates/mail.txt"))
	htmlTemplate = htmltemplate.Must(htmltemplate.ParseFS(templates, "templates/mail.html"))
)

// Composer writes e-mails whose links lead into the portal at PublicURL.
type Composer struct {
	PublicURL string // e.g. https://dealerline.example.com, no trailing slash
}

// link is one item as the templates see it.
type link struct {
	Item
	URL string
}

// Compose writes the e-mail to address to in locale about items: one item
// is mailed as it happens (its title is the subject), several as a digest.
func (c Composer) Compose(locale, to string, items []Item) (Message, error) {
	w, ok := wording[locale]
	if !ok {
		w = wording[English]
	}
	base := strings.TrimRight(c.PublicURL, "/")
	data := struct {
		Words    words
		Items    []link
		Settings string
	}{Words: w, Settings: base + "/settings"}
	for _, it := range items {
		data.Items = append(data.Items, link{Item: it, URL: base + it.Link})
	}
	subject := ""
	if len(items) == 1 {
		subject = items[0].Title
	} else {
		subject = fmt.Sprintf(w.DigestSubject, len(items))
	}
	var text, html bytes.Buffer
	if err := textTemplate.Execute(&text, data); err != nil {
		return Message{}, err
	}
	if err := htmlTemplate.Execute(&html, data); err != nil {
		return Message{}, err
	}
	return Message{To: to, Subject: oneLine(subject), Text: text.String(), HTML: html.String()}, nil
}

// oneLine keeps a header on one line: a title never carries a line break
// into the message's headers.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
