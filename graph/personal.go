package graph

import "github.com/dealerline/dealerline/personal"

func personalSubject(userID, contactID *int) personal.Subject {
	var s personal.Subject
	if userID != nil {
		s.UserID = *userID
	}
	if contactID != nil {
		s.ContactID = *contactID
	}
	return s
}

func personalErasure(e *personal.Erasure) *PersonalDataErasure {
	return &PersonalDataErasure{
		Placeholder:              e.Placeholder,
		TokensRevoked:            e.TokensRevoked,
		LinksVoided:              e.LinksVoided,
		PushSubscriptionsRemoved: e.PushSubscriptions,
		MessagesDropped:          e.MessagesDropped,
		NotificationsRemoved:     e.NotificationsRemoved,
		TextsErased:              e.TextsErased,
		CopiesScrubbed:           e.CopiesScrubbed,
		FilesErased:              e.FilesErased,
	}
}
