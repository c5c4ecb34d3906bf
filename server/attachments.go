package server

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/attachments"
	"github.com/dealerline/dealerline/auth"
)

// serveAttachment answers GET /attachments/{id} and
// GET /attachments/{id}/thumbnail with a file the viewer may see: signed in
// with a bearer token (like /graphql), its parent visible to the viewer; a
// missing, foreign or deleted one is 404 NOT_FOUND alike. The headers keep
// a browser from running what it serves: the sniffed type, nosniff, a
// sandboxing Content-Security-Policy, and a download for anything but an
// image.
func (m *Main) serveAttachment(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "private, no-store")
	ctx := r.Context()
	if auth.FromContext(ctx) == nil {
		msg := "sign in first: send your token as Authorization: Bearer …"
		if err := auth.CredentialError(ctx); err != nil {
			if e, ok := apperr.As(err); ok {
				msg = e.Message
			}
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="dealerline"`)
		writeError(w, http.StatusUnauthorized, apperr.Errorf(apperr.Unauthenticated, "%s", msg))
		return
	}
	id, err := strconv.Atoi(r.PathValue("id"))
	if err != nil || id <= 0 {
		writeError(w, http.StatusNotFound, apperr.Errorf(apperr.NotFound, "there is no such attachment"))
		return
	}
	thumbnail := strings.HasSuffix(r.URL.Path, "/thumbnail")
	a, data, err := m.services.AttachmentService.Open(ctx, id, thumbnail)
	if err != nil {
		if e, ok := apperr.As(err); ok && e.Code == apperr.NotFound {
			writeError(w, http.StatusNotFound, apperr.Errorf(apperr.NotFound, "%s", e.Message))
			return
		}
		m.Log.ErrorContext(ctx, "serve attachment", "id", id, "err", err)
		writeError(w, http.StatusInternalServerError, apperr.Errorf(apperr.Internal, "the file could not be read; try again"))
		return
	}
	contentType, disposition := a.ContentType, attachments.ContentDisposition(a.ContentType, a.FileName)
	if thumbnail {
		contentType = "image/jpeg"
		disposition = "inline"
	}
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", disposition)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Referrer-Policy", "no-referrer")
	if a.Sha256 != "" && !thumbnail {
		h.Set("ETag", `"`+a.Sha256+`"`)
	}
	w.WriteHeader(http.StatusOK)
	w.Write(data)
}
