package server

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/importer"
)

// MaxImportBytes is the largest history file POST /import takes; larger
// histories are imported with `dealerline import` or in parts.
const MaxImportBytes = 64 << 20

// importHistory is POST /import: an administrator's history file
// (docs/IMPORT.md), applied all or nothing. Every refusal answers
// {"errors":[{"line","field","code","message"}]}: 422 for a file with
// problems, 401 without a valid token, 403 for anyone but an
// administrator, 415 for another content type.
func (m *Main) importHistory(w http.ResponseWriter, r *http.Request) {
	v := auth.FromContext(r.Context())
	switch {
	case v == nil:
		writeProblems(w, http.StatusUnauthorized, importer.Problem{Code: string(apperr.Unauthenticated), Message: "sign in first: send an administrator's token as Authorization: Bearer …"})
		return
	case !v.IsAdmin():
		writeProblems(w, http.StatusForbidden, importer.Problem{Code: string(apperr.Forbidden), Message: "only administrators import history"})
		return
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/x-ndjson" {
		writeProblems(w, http.StatusUnsupportedMediaType, importer.Problem{Code: string(apperr.InvalidInput), Field: "Content-Type", Message: "send the file as application/x-ndjson, one JSON record a line"})
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxImportBytes+1))
	if err != nil {
		writeProblems(w, http.StatusBadRequest, importer.Problem{Code: string(apperr.InvalidInput), Message: "could not read the request body"})
		return
	}
	if len(body) > MaxImportBytes {
		writeProblems(w, http.StatusRequestEntityTooLarge, importer.Problem{Code: string(apperr.InvalidInput), Message: "the file is larger than 64 MiB: import it with `dealerline import FILE` or in parts"})
		return
	}
	cfg := importer.Config{Location: m.Config.Timezone, MaxLineQuantity: m.Config.MaxLineQuantity, ConflictDueDays: m.Config.ConflictDueDays}
	res, err := importer.Import(r.Context(), m.db.Client, cfg, v, body, importer.Progress{})
	var refused *importer.Refused
	switch {
	case errors.As(err, &refused):
		writeProblems(w, http.StatusUnprocessableEntity, refused.Problems...)
		return
	case err != nil:
		m.Log.ErrorContext(r.Context(), "import", "err", err)
		writeProblems(w, http.StatusInternalServerError, importer.Problem{Code: string(apperr.Internal), Message: "the import failed and nothing was written; try again"})
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"records": res.Records(), "created": res.Created, "unchanged": res.Unchanged})
}

func writeProblems(w http.ResponseWriter, status int, problems ...importer.Problem) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"errors": problems})
}
