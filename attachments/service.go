package attachments

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"io"
	"strconv"
	"time"

	"entgo.io/ent/dialect"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/attachment"
	"github.com/dealerline/dealerline/ent/attachmentcontent"
	"github.com/dealerline/dealerline/store/tx"
)

// Service uploads, lists, serves and deletes attachments.
type Service struct {
	client *ent.Client
	// MaxBytes is the largest file; the files of one parent together hold
	// at most PerParentFiles times as much.
	maxBytes int64
	postgres bool
	now      func() time.Time
}

// NewService returns a Service over client (of the SQL dialect given)
// taking files of at most maxBytes (DefaultMaxBytes when 0).
func NewService(client *ent.Client, sqlDialect string, maxBytes int64) *Service {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	return &Service{client: client, maxBytes: maxBytes, postgres: sqlDialect == dialect.Postgres, now: time.Now}
}

// lockParent makes uploads to one parent wait for each other, so two cannot
// both fit under its limit and together exceed it. (SQLite's transactions
// hold the write lock from their start.)
func (s *Service) lockParent(ctx context.Context, db *ent.Client, parentID int) error {
	if !s.postgres {
		return nil
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "attachments:%d", parentID)
	rows, err := db.QueryContext(ctx, "SELECT pg_advisory_xact_lock($1)", int64(h.Sum64()))
	if err != nil {
		return err
	}
	return rows.Close()
}

// MaxBytes is the largest file.
func (s *Service) MaxBytes() int64 { return s.maxBytes }

// MaxPerParent is the most the files of one parent hold together.
func (s *Service) MaxPerParent() int64 { return PerParentFiles * s.maxBytes }

// Parent is what an attachment is attached to, as the viewer loaded it.
type Parent struct {
	ID   int
	Type string
	// The dealer whose data it is; nil for a conflict case staff opened.
	DealerID *int
}

// errNoParent answers a parent that is missing, foreign, or not of a type
// that takes attachments: the same answer for each.
var errNoParent = apperr.Missing("parentID", "there is no such ticket, reply, interaction, market report, conflict case, comment, return, agreement or fund claim")

// LoadParent loads the parent id through the viewer's privacy rules: a
// foreign parent answers exactly like a missing one.
func (s *Service) LoadParent(ctx context.Context, id int) (Parent, error) {
	db := tx.Client(ctx, s.client)
	n, err := db.Noder(access.WholeRows(ctx), id)
	if err != nil {
		if ent.IsNotFound(err) {
			return Parent{}, errNoParent
		}
		return Parent{}, err
	}
	p := Parent{ID: id}
	switch n := n.(type) {
	case *ent.ServiceTicket:
		p.Type, p.DealerID = access.AttachedToServiceTicket, &n.DealerID
	case *ent.TicketReply:
		p.Type, p.DealerID = access.AttachedToTicketReply, &n.DealerID
	case *ent.Interaction:
		p.Type, p.DealerID = access.AttachedToInteraction, &n.DealerID
	case *ent.MarketReport:
		p.Type, p.DealerID = access.AttachedToMarketReport, &n.DealerID
	case *ent.ConflictCase:
		p.Type, p.DealerID = access.AttachedToConflictCase, n.ReporterDealerID
	case *ent.ConflictComment:
		c, err := db.ConflictCase.Get(access.Bypass(ctx), n.CaseID)
		if err != nil {
			return Parent{}, err
		}
		p.Type, p.DealerID = access.AttachedToConflictComment, c.ReporterDealerID
	case *ent.SalesReturn:
		p.Type, p.DealerID = access.AttachedToSalesReturn, &n.DealerID
	case *ent.Agreement:
		p.Type, p.DealerID = access.AttachedToAgreement, &n.DealerID
	case *ent.FundClaim:
		p.Type, p.DealerID = access.AttachedToFundClaim, &n.DealerID
	default:
		return Parent{}, errNoParent
	}
	return p, nil
}

// File is an upload as the transport read it.
type File struct {
	Name string
	// Size as the transport counted it; the bytes read are what count.
	Size    int64
	Content io.Reader
}

// Upload attaches f to the parent parentID, which the viewer must see (a
// dealer user: of its own dealer, or a conflict case it is party to).
// Over the size limits, or of a type that may not be attached, is
// INVALID_INPUT on "file", and nothing is written.
func (s *Service) Upload(ctx context.Context, parentID int, f File) (*ent.Attachment, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	parent, err := s.LoadParent(ctx, parentID)
	if err != nil {
		return nil, err
	}
	if v.IsDealer() && parent.DealerID != nil && *parent.DealerID != v.DealerID &&
		parent.Type != access.AttachedToConflictCase && parent.Type != access.AttachedToConflictComment {
		return nil, apperr.Errorf(apperr.Forbidden, "a distributor reads its sub-dealers' records; only their own users attach files to them")
	}
	if f.Size > s.maxBytes {
		return nil, s.tooLarge()
	}
	data, err := io.ReadAll(io.LimitReader(f.Content, s.maxBytes+1))
	if err != nil {
		return nil, apperr.Invalid("file", "the file could not be read").Because(Unreadable)
	}
	if int64(len(data)) > s.maxBytes {
		return nil, s.tooLarge()
	}
	contentType, thumb, err := Prepare(data)
	if err != nil {
		return nil, err
	}
	sys := access.Bypass(ctx)
	db := tx.Client(ctx, s.client)
	if err := s.lockParent(ctx, db, parentID); err != nil {
		return nil, err
	}
	held, err := s.held(sys, db, parentID)
	if err != nil {
		return nil, err
	}
	if held+int64(len(data)) > s.MaxPerParent() {
		return nil, apperr.Invalid("file", "the files attached here hold %s of at most %s: delete one to attach this one (%s)",
			Size(held), Size(s.MaxPerParent()), Size(int64(len(data)))).Because(Full)
	}
	var by *int
	if v.UserID != 0 {
		by = &v.UserID
	}
	a, err := Store(ctx, db, Stored{
		Parent: parent, FileName: f.Name, Data: data, ContentType: contentType, Thumbnail: thumb,
		UploadedByID: by, UploaderName: v.Name, At: s.now(),
	})
	if err != nil {
		return nil, err
	}
	return a, audit.Record(ctx, db, "attachment.upload", "Attachment", a.ID, map[string]any{
		"parentType": parent.Type, "parentID": parentID, "fileName": a.FileName, "contentType": a.ContentType, "size": a.Size,
	})
}

// Prepare reads what data is (see Sniff) and makes an image's thumbnail
// (see Thumbnail; nil for other files).
func Prepare(data []byte) (contentType string, thumb []byte, err error) {
	if contentType, err = Sniff(data); err != nil {
		return "", nil, err
	}
	if IsImage(contentType) {
		if thumb, err = Thumbnail(data, contentType); err != nil {
			return "", nil, err
		}
	}
	return contentType, thumb, nil
}

// Stored is a file attached to Parent, as Prepare read it.
type Stored struct {
	Parent       Parent
	FileName     string // as given; kept as FileName makes it
	Data         []byte
	ContentType  string
	Thumbnail    []byte
	UploadedByID *int
	UploaderName string
	At           time.Time
}

// Store writes the attachment f and its bytes through db, below privacy:
// what an upload writes once it is allowed, and what the demo data
// attaches.
func Store(ctx context.Context, db *ent.Client, f Stored) (*ent.Attachment, error) {
	sys := access.Bypass(ctx)
	sum := sha256.Sum256(f.Data)
	a, err := db.Attachment.Create().
		SetParentID(f.Parent.ID).
		SetParentType(f.Parent.Type).
		SetNillableDealerID(f.Parent.DealerID).
		SetFileName(FileName(f.FileName)).
		SetContentType(f.ContentType).
		SetSize(int64(len(f.Data))).
		SetSha256(hex.EncodeToString(sum[:])).
		SetHasThumbnail(f.Thumbnail != nil).
		SetNillableUploadedByID(f.UploadedByID).
		SetUploaderName(f.UploaderName).
		SetCreatedAt(f.At).
		Save(sys)
	if err != nil {
		return nil, err
	}
	content := db.AttachmentContent.Create().SetAttachmentID(a.ID).SetData(f.Data)
	if f.Thumbnail != nil {
		content.SetThumbnail(f.Thumbnail)
	}
	return a, content.Exec(sys)
}

// Path is where attachment id is served (server/attachments.go), behind
// the bearer token.
func Path(id int) string {
	return "/attachments/" + strconv.Itoa(id)
}

func (s *Service) tooLarge() error {
	return apperr.Invalid("file", "the file is larger than %s: attach files of at most %s", Size(s.maxBytes), Size(s.maxBytes)).Because(TooLarge)
}

// held is what the attachments of a parent hold now, deleted ones aside.
func (s *Service) held(ctx context.Context, db *ent.Client, parentID int) (int64, error) {
	var rows []struct {
		Sum int64 `json:"sum"`
	}
	err := db.Attachment.Query().
		Where(attachment.ParentID(parentID), attachment.DeletedAtIsNil()).
		Aggregate(ent.Sum(attachment.FieldSize)).
		Scan(ctx, &rows)
	if err != nil || len(rows) == 0 {
		return 0, err
	}
	return rows[0].Sum, nil
}

// List is the attachments of a parent the viewer loaded, newest first,
// deleted ones left out. It reads no file's bytes.
func (s *Service) List(ctx context.Context, parentID int) ([]*ent.Attachment, error) {
	return tx.Client(ctx, s.client).Attachment.Query().
		Where(attachment.ParentID(parentID), attachment.DeletedAtIsNil()).
		Order(ent.Desc(attachment.FieldCreatedAt), ent.Desc(attachment.FieldID)).
		All(ctx)
}

// CanDelete says whether v may delete a: its uploader, or staff (who see
// it, so see its parent).
func CanDelete(v *auth.Viewer, a *ent.Attachment) bool {
	if v == nil {
		return false
	}
	if v.IsAdmin() || v.IsManager() {
		return true
	}
	return a.UploadedByID != nil && *a.UploadedByID == v.UserID
}

var errNoAttachment = apperr.Missing("id", "there is no such attachment")

// Delete deletes an attachment (softly: it is no longer listed or served;
// EraseUploadedBy removes bytes for good), by its uploader or staff, and
// records it in the audit trail.
func (s *Service) Delete(ctx context.Context, id int) (*ent.Attachment, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	a, err := s.get(ctx, id)
	if err != nil {
		return nil, err
	}
	if !CanDelete(v, a) {
		return nil, apperr.Errorf(apperr.Forbidden, "only the person who attached a file, or the manufacturer's staff, may delete it")
	}
	sys := access.Bypass(ctx)
	n, err := db.Attachment.Update().
		Where(attachment.ID(a.ID), attachment.DeletedAtIsNil()).
		SetDeletedAt(s.now()).
		SetDeletedByID(v.UserID).
		Save(sys)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, errNoAttachment
	}
	if a, err = db.Attachment.Get(sys, a.ID); err != nil {
		return nil, err
	}
	return a, audit.Record(ctx, db, "attachment.delete", "Attachment", a.ID, map[string]any{
		"fileName": a.FileName, "size": a.Size, "parentType": a.ParentType, "parentID": a.ParentID,
	})
}

// get loads an attachment the viewer may see, and checks its parent through
// the viewer too: a foreign or deleted one answers like a missing one.
func (s *Service) get(ctx context.Context, id int) (*ent.Attachment, error) {
	a, err := tx.Client(ctx, s.client).Attachment.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, errNoAttachment
	}
	if err != nil {
		return nil, err
	}
	if _, err := s.LoadParent(ctx, a.ParentID); err != nil {
		if apperr.CodeOf(err) == apperr.NotFound {
			return nil, errNoAttachment
		}
		return nil, err
	}
	return a, nil
}

// Open returns an attachment the viewer may see with its bytes, or its
// thumbnail's (nil when it has none); NOT_FOUND for a missing, foreign or
// deleted one.
func (s *Service) Open(ctx context.Context, id int, thumbnail bool) (*ent.Attachment, []byte, error) {
	if _, err := auth.Require(ctx); err != nil {
		return nil, nil, err
	}
	a, err := s.get(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	col := attachmentcontent.FieldData
	if thumbnail {
		if !a.HasThumbnail {
			return nil, nil, apperr.Missing("id", "this attachment has no thumbnail")
		}
		col = attachmentcontent.FieldThumbnail
	}
	c, err := tx.Client(ctx, s.client).AttachmentContent.Query().
		Where(attachmentcontent.AttachmentID(a.ID)).
		Select(col).
		Only(access.Bypass(ctx))
	if ent.IsNotFound(err) {
		return nil, nil, errNoAttachment // erased
	}
	if err != nil {
		return nil, nil, err
	}
	if thumbnail {
		if c.Thumbnail == nil {
			return nil, nil, apperr.Missing("id", "this attachment has no thumbnail")
		}
		return a, *c.Thumbnail, nil
	}
	return a, c.Data, nil
}

// EraseUploadedBy removes for good every file userID uploaded, deleted or
// not: the bytes, the thumbnails and the rows. It runs below privacy: the
// caller (erasure of a user's personal data) has checked who may. It
// returns how many files it removed.
func EraseUploadedBy(ctx context.Context, db *ent.Client, userID int) (int, error) {
	sys := access.Bypass(ctx)
	db = tx.Client(ctx, db)
	ids, err := db.Attachment.Query().Where(attachment.UploadedByID(userID)).IDs(sys)
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	if _, err := db.AttachmentContent.Delete().Where(attachmentcontent.AttachmentIDIn(ids...)).Exec(sys); err != nil {
		return 0, err
	}
	return db.Attachment.Delete().Where(attachment.IDIn(ids...)).Exec(sys)
}

// Size is n bytes for a person: 512 B, 1.5 KB, 10 MB.
func Size(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return trim(fmt.Sprintf("%.1f", float64(n)/(1<<10))) + " KB"
	default:
		return trim(fmt.Sprintf("%.1f", float64(n)/(1<<20))) + " MB"
	}
}

func trim(s string) string {
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		return s[:len(s)-2]
	}
	return s
}
