package graph

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// tenantTypes are the types whose rows belong to one dealer, or to the
// dealers of one manager (DESIGN.md §4). A where-input predicate into them
// (hasXWith: …) is an SQL sub-select that skips their privacy rules, so a
// viewer could filter its own rows by another tenant's data. Add new
// per-dealer or per-manager types here; names absent from the schema are
// not matched.
var tenantTypes = []string{
	"Dealer", "Contact", "User", "Token", "Price",
	// Orders and fulfilment.
	"Order", "OrderLine", "OrderEvent", "Shipment", "ShipmentLine", "DeliveryEvent",
	// Money.
	"Invoice", "Payment", "PaymentAllocation", "CreditNote", "Allocation", "Statement",
	"AccountStatement", "StatementLine", "Ageing",
	// Relationship management, internal to the manufacturer.
	"Interaction", "FollowUp", "Task",
	// Audience-scoped communication and its receipts.
	"Policy", "PolicyAcknowledgement", "Acknowledgement", "Announcement", "AnnouncementRead", "ReadReceipt",
	// Relationship and appraisal facts.
	"MarketReport", "ConflictCase", "Quota", "InventoryReport", "DistributionSurvey",
	"ServiceTicket", "SatisfactionScore", "ChannelCost", "MarketShare", "ChannelSignal",
	"SignalThreshold", "Scorecard",
	// Administrators only.
	"AuditEntry", "Event",
}

// loadSchema parses every *.graphqls of the package, as gqlgen does.
func loadSchema(t *testing.T) *ast.Schema {
	t.Helper()
	files, err := filepath.Glob("*.graphqls")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no *.graphqls files in the package directory")
	}
	var sources []*ast.Source
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, &ast.Source{Name: name, Input: string(b)})
	}
	schema, err := gqlparser.LoadSchema(sources...)
	if err != nil {
		t.Fatalf("load schema: %v", err)
	}
	return schema
}

// hasPredicate is an edge predicate of a where-input: hasX or hasXWith.
type hasPredicate struct {
	where  string // e.g. DealerWhereInput
	field  string // e.g. hasChannelWith
	target string // e.g. Channel; "" when it cannot be told
}

// hasPredicates returns the edge predicates of every where-input of s,
// in a stable order.
func hasPredicates(s *ast.Schema) []hasPredicate {
	var names []string
	for name, def := range s.Types {
		if def.Kind == ast.InputObject && strings.HasSuffix(name, "WhereInput") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	var out []hasPredicate
	for _, name := range names {
		def := s.Types[name]
		for _, f := range def.Fields {
			edge, ok := edgeOf(f.Name)
			if !ok {
				continue
			}
			out = append(out, hasPredicate{where: name, field: f.Name, target: edgeTarget(s, def, edge)})
		}
	}
	return out
}

// edgeOf returns X of a field named hasX or hasXWith.
func edgeOf(field string) (string, bool) {
	rest, ok := strings.CutPrefix(field, "has")
	if !ok || rest == "" || rest[0] < 'A' || rest[0] > 'Z' {
		return "", false
	}
	if e, ok := strings.CutSuffix(rest, "With"); ok && e != "" {
		rest = e
	}
	return rest, true
}

// edgeTarget is the type an edge predicate filters on: the element of
// hasXWith: [TargetWhereInput!], else the type of field x of the object the
// where-input filters (through its connection, for relay edges).
func edgeTarget(s *ast.Schema, where *ast.Definition, edge string) string {
	if with := where.Fields.ForName("has" + edge + "With"); with != nil {
		if target, ok := strings.CutSuffix(with.Type.Name(), "WhereInput"); ok {
			return target
		}
	}
	object := s.Types[strings.TrimSuffix(where.Name, "WhereInput")]
	if object == nil {
		return ""
	}
	f := object.Fields.ForName(strings.ToLower(edge[:1]) + edge[1:])
	if f == nil {
		return ""
	}
	return nodeType(s, f.Type.Name())
}

// nodeType is name, or the node type of a relay connection called name.
func nodeType(s *ast.Schema, name string) string {
	conn := s.Types[name]
	if conn == nil || !strings.HasSuffix(name, "Connection") {
		return name
	}
	edges := conn.Fields.ForName("edges")
	if edges == nil || s.Types[edges.Type.Name()] == nil {
		return name
	}
	node := s.Types[edges.Type.Name()].Fields.ForName("node")
	if node == nil {
		return name
	}
	return node.Type.Name()
}

func TestSchema_NoWhereInputEdgeIntoTenantData(t *testing.T) {
	s := loadSchema(t)
	preds := hasPredicates(s)

	// The scan must see the real schema, or it would pass on nothing.
	if len(preds) == 0 {
		t.Fatal("no where-input has an edge predicate: the scan read no schema")
	}
	for _, name := range []string{"Dealer", "Contact", "User", "Token", "Price", "Order", "OrderLine", "OrderEvent",
		"Shipment", "ShipmentLine", "DeliveryEvent", "Invoice", "Payment", "CreditNote", "Allocation", "AccountStatement"} {
		if def := s.Types[name]; def == nil || def.Kind != ast.Object {
			t.Errorf("tenant type %s is not an object type of the schema: is the list spelled as the schema is?", name)
		}
	}
	sawChannel := false
	for _, p := range preds {
		if p.where == "DealerWhereInput" && p.field == "hasChannelWith" {
			sawChannel = p.target == "Channel"
		}
	}
	if !sawChannel {
		t.Error("DealerWhereInput.hasChannelWith (an allowed edge into Channel) was not found: the scan does not read the generated schema")
	}

	for _, p := range preds {
		t.Logf("%s.%s filters on %q", p.where, p.field, p.target)
		switch {
		case p.target == "":
			t.Errorf("%s.%s: cannot tell which type the edge predicate filters on; teach the scan, or annotate the edge with entgql.Skip(entgql.SkipWhereInput)",
				p.where, p.field)
		case slices.Contains(tenantTypes, p.target):
			t.Errorf("%s.%s filters on %s, whose rows belong to one dealer or manager: the predicate is an SQL sub-select that skips %s's privacy rules "+
				"and would reveal other tenants' data. Annotate the edge with entgql.Skip(entgql.SkipWhereInput) (tenantEdge() in ent/schema) and regenerate",
				p.where, p.field, p.target, p.target)
		}
	}
}

func TestSchema_EdgeOf(t *testing.T) {
	tests := []struct {
		name  string
		field string
		edge  string
		ok    bool
	}{
		{"boolean predicate", "hasChannel", "Channel", true},
		{"with predicate", "hasChannelWith", "Channel", true},
		{"plural edge", "hasManagedChannelsWith", "ManagedChannels", true},
		{"field predicate", "nameHasPrefix", "", false},
		{"page info field", "has", "", false},
		{"lower case after has", "hashes", "", false},
		{"edge called With", "hasWith", "With", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := edgeOf(tt.field)
			if got != tt.edge || ok != tt.ok {
				t.Errorf("edgeOf(%q) = %q, %v; want %q, %v", tt.field, got, ok, tt.edge, tt.ok)
			}
		})
	}
}

// generatedByEnt reports whether def is an input entgql generated (not a
// hand-written one such as CreateUserWithRoleInput, which takes a role on
// purpose).
func generatedByEnt(def *ast.Definition) bool {
	return strings.Contains(def.Description, "generated by ent") ||
		def.Position != nil && def.Position.Src != nil && def.Position.Src.Name == "ent.graphqls"
}

func TestSchema_MutationInputsSkipProtectedFields(t *testing.T) {
	s := loadSchema(t)
	forbidden := []string{"passwordHash", "secretHash", "version", "idempotencyKey"}
	forbiddenOnUser := []string{"role", "dealerID"}

	var names []string
	for name, def := range s.Types {
		if def.Kind == ast.InputObject && generatedByEnt(def) &&
			(strings.HasPrefix(name, "Create") || strings.HasPrefix(name, "Update")) && strings.HasSuffix(name, "Input") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, want := range []string{"CreateUserInput", "UpdateUserInput", "CreateDealerInput"} {
		if !slices.Contains(names, want) {
			t.Errorf("generated input %s not found among %v: the scan does not read the generated schema", want, names)
		}
	}

	for _, name := range names {
		bad := forbidden
		if name == "CreateUserInput" || name == "UpdateUserInput" {
			bad = append(slices.Clone(forbidden), forbiddenOnUser...)
		}
		for _, f := range s.Types[name].Fields {
			if slices.Contains(bad, f.Name) {
				t.Errorf("%s has the field %s: the server sets it, never a client; skip it from the generated mutation inputs "+
					"(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)) and regenerate", name, f.Name)
			}
		}
	}
}

func TestSchema_NoHashesInTypes(t *testing.T) {
	s := loadSchema(t)
	for name, def := range s.Types {
		if def.BuiltIn {
			continue
		}
		for _, f := range def.Fields {
			switch strings.ToLower(f.Name) {
			case "passwordhash", "secrethash", "passwordhashes", "secrethashes":
				t.Errorf("%s.%s exposes a hash in the schema; skip it with entgql.Skip(entgql.SkipAll)", name, f.Name)
			}
		}
	}
}

func TestSchema_ScanFindsEdgeTargets(t *testing.T) {
	s, err := gqlparser.LoadSchema(&ast.Source{Name: "fixture.graphqls", Input: `
type Query { x: Int }
type Dealer { id: ID! }
type DealerEdge { node: Dealer }
type DealerConnection { edges: [DealerEdge] }
type Price { id: ID! }
type Channel { dealers(first: Int): DealerConnection! prices: [Price!] owner: Dealer }
type Product { id: ID! }
input DealerWhereInput { id: ID }
input PriceWhereInput { id: ID }
input ChannelWhereInput {
  nameHasPrefix: String
  hasDealers: Boolean
  hasPrices: Boolean
  hasPricesWith: [PriceWhereInput!]
  hasOwner: Boolean
  hasNothing: Boolean
}
`})
	if err != nil {
		t.Fatal(err)
	}
	got := hasPredicates(s)
	want := []hasPredicate{
		{"ChannelWhereInput", "hasDealers", "Dealer"},
		{"ChannelWhereInput", "hasPrices", "Price"},
		{"ChannelWhereInput", "hasPricesWith", "Price"},
		{"ChannelWhereInput", "hasOwner", "Dealer"},
		{"ChannelWhereInput", "hasNothing", ""},
	}
	if !slices.Equal(got, want) {
		t.Errorf("hasPredicates = %+v, want %+v", got, want)
	}
	for _, p := range got[:4] {
		if !slices.Contains(tenantTypes, p.target) {
			t.Errorf("%s.%s: target %q is not a tenant type", p.where, p.field, p.target)
		}
	}
}
