package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/dealerline/dealerline/access"
)

// Attachment is a file (a photo, a PDF, an office document) attached as
// evidence to a ticket or its reply, an interaction, a market report, a
// conflict case or its comment, a return, an agreement or a fund claim. It
// is seen by whoever may see its parent (access.AttachmentPolicy); its
// bytes live in AttachmentContent, so listing attachments never reads them.
// Package attachments writes both.
type Attachment struct{ ent.Schema }

func (Attachment) Fields() []ent.Field {
	return []ent.Field{
		// The parent's global id and ent type name.
		field.Int("parent_id").Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
		field.String("parent_type").NotEmpty().MaxLen(40).Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
		// The parent's dealer, for the privacy filter; null for a conflict
		// case opened by staff (cases are filtered by their parties).
		field.Int("dealer_id").Optional().Nillable().Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
		// One line, no path, at most 255 runes.
		field.String("file_name").NotEmpty().MaxRuneLen(255).Immutable(),
		// Sniffed from the bytes, never taken from the name or the client.
		field.String("content_type").NotEmpty().MaxLen(200).Immutable(),
		field.Int64("size").NonNegative().Immutable(),
		// Hex SHA-256 of the bytes.
		field.String("sha256").MaxLen(64).Immutable(),
		field.Bool("has_thumbnail").Default(false).Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
		field.Int("uploaded_by_id").Optional().Nillable().Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
		field.String("uploader_name").Immutable(),
		field.Time("created_at").Immutable().Annotations(entgql.OrderField("CREATED_AT")),
		// Soft delete: a deleted attachment is never listed or served.
		field.Time("deleted_at").Optional().Nillable().Annotations(entgql.Skip(entgql.SkipAll)),
		field.Int("deleted_by_id").Optional().Nillable().Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (Attachment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("dealer", Dealer.Type).
			Field("dealer_id").
			Unique().
			Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("content", AttachmentContent.Type).
			Unique().
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (Attachment) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("parent_id", "created_at"),
		index.Fields("uploaded_by_id"),
		index.Fields("dealer_id"),
	}
}

func (Attachment) Policy() ent.Policy { return access.AttachmentPolicy() }

func (Attachment) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}

// AttachmentContent holds an attachment's bytes (bytea in PostgreSQL, a
// BLOB in SQLite) and, for an image, its thumbnail. No viewer reads it:
// package attachments serves it once the viewer may see the attachment.
type AttachmentContent struct{ ent.Schema }

func (AttachmentContent) Fields() []ent.Field {
	return []ent.Field{
		field.Int("attachment_id").Unique().Immutable(),
		field.Bytes("data").Immutable(),
		// A JPEG of at most 320 px a side; images only.
		field.Bytes("thumbnail").Optional().Nillable().Immutable(),
	}
}

func (AttachmentContent) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("attachment", Attachment.Type).
			Ref("content").
			Field("attachment_id").
			Unique().
			Required().
			Immutable(),
	}
}

func (AttachmentContent) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

func (AttachmentContent) Policy() ent.Policy { return access.SystemOnlyPolicy() }
