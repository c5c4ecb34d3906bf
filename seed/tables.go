package seed

import (
	entschema "entgo.io/ent/dialect/sql/schema"

	"github.com/dealerline/dealerline/ent/allocation"
	"github.com/dealerline/dealerline/ent/channel"
	"github.com/dealerline/dealerline/ent/channelcost"
	"github.com/dealerline/dealerline/ent/contact"
	"github.com/dealerline/dealerline/ent/creditnote"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/deliveryevent"
	"github.com/dealerline/dealerline/ent/distributionsurvey"
	"github.com/dealerline/dealerline/ent/followup"
	"github.com/dealerline/dealerline/ent/interaction"
	"github.com/dealerline/dealerline/ent/inventoryline"
	"github.com/dealerline/dealerline/ent/inventoryreport"
	"github.com/dealerline/dealerline/ent/invoice"
	"github.com/dealerline/dealerline/ent/marketshare"
	"github.com/dealerline/dealerline/ent/migrate"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/orderevent"
	"github.com/dealerline/dealerline/ent/orderline"
	"github.com/dealerline/dealerline/ent/payment"
	"github.com/dealerline/dealerline/ent/price"
	"github.com/dealerline/dealerline/ent/product"
	"github.com/dealerline/dealerline/ent/satisfactionscore"
	"github.com/dealerline/dealerline/ent/searchentry"
	"github.com/dealerline/dealerline/ent/serviceticket"
	"github.com/dealerline/dealerline/ent/shipment"
	"github.com/dealerline/dealerline/ent/shipmentline"
	"github.com/dealerline/dealerline/ent/territory"
	"github.com/dealerline/dealerline/ent/ticketreply"
	"github.com/dealerline/dealerline/ent/token"
	"github.com/dealerline/dealerline/ent/user"
)

// table is one table the seed fills: its columns, named by the generated
// ent constants so that the seed follows the schema, and the next id of
// its ent global-id range.
type table struct {
	name   string
	cols   []string
	schema *entschema.Table
	next   int // next id; unused for join tables
	rows   int64
}

func newTable(s *entschema.Table, cols ...string) *table {
	t := &table{name: s.Name, cols: cols, schema: s}
	if s.Annotation != nil && s.Annotation.IncrementStart != nil {
		t.next = *s.Annotation.IncrementStart + 1
	}
	return t
}

// id hands out the next id of the table's range.
func (t *table) id() int {
	id := t.next
	t.next++
	return id
}

// hasID reports whether the table has an id column (join tables do not).
func (t *table) hasID() bool { return len(t.cols) > 0 && t.cols[0] == "id" }

// tables are all the seed writes, in the order their foreign keys need:
// a round of rows is written table by table in this order.
type tables struct {
	users, channels, channelManagers, territories, dealers, dealerTerritories,
	contacts, tokens, products, prices, orders, orderLines, orderEvents,
	shipments, shipmentLines, deliveryEvents, invoices, payments, creditNotes,
	allocations, interactions, interactionContacts, followUps, tickets, ticketReplies, searchEntries,
	inventoryReports, inventoryLines, surveys, scores, costs, shares *table
}

func newTables() *tables {
	return &tables{
		users: newTable(migrate.UsersTable, user.FieldID, user.FieldCreatedAt, user.FieldUpdatedAt,
			user.FieldEmail, user.FieldName, user.FieldPasswordHash, user.FieldRole, user.FieldActive, user.DealerColumn),
		channels: newTable(migrate.ChannelsTable, channel.FieldID, channel.FieldCreatedAt, channel.FieldUpdatedAt,
			channel.FieldCode, channel.FieldName, channel.FieldNameZh, channel.FieldDescription),
		channelManagers: newTable(migrate.ChannelManagersTable, channel.ManagersPrimaryKey...),
		territories: newTable(migrate.TerritoriesTable, territory.FieldID, territory.FieldCreatedAt, territory.FieldUpdatedAt,
			territory.FieldCode, territory.FieldName, territory.FieldNameZh, territory.FieldRegion),
		dealers: newTable(migrate.DealersTable, dealer.FieldID, dealer.FieldCreatedAt, dealer.FieldUpdatedAt,
			dealer.FieldCode, dealer.FieldName, dealer.FieldTier, dealer.FieldStatus, dealer.FieldCreditLimit,
			dealer.FieldPaymentTermsDays, dealer.FieldJoinedOn, dealer.FieldChannelID, dealer.FieldParentID, dealer.FieldOwnerID),
		dealerTerritories: newTable(migrate.DealerTerritoriesTable, dealer.TerritoriesPrimaryKey...),
		contacts: newTable(migrate.ContactsTable, contact.FieldID, contact.FieldCreatedAt, contact.FieldUpdatedAt,
			contact.FieldName, contact.FieldTitle, contact.FieldEmail, contact.FieldPhone, contact.FieldPrimary, contact.FieldDealerID),
		tokens: newTable(migrate.TokensTable, token.FieldID, token.FieldKind, token.FieldName, token.FieldSecretHash,
			token.FieldCreatedAt, token.FieldExpiresAt, token.UserColumn),
		products: newTable(migrate.ProductsTable, product.FieldID, product.FieldCreatedAt, product.FieldUpdatedAt,
			product.FieldSku, product.FieldName, product.FieldNameZh, product.FieldCategory, product.FieldCategoryZh, product.FieldUnitCost, product.FieldListPrice, product.FieldActive),
		prices: newTable(migrate.PricesTable, price.FieldID, price.FieldCreatedAt, price.FieldUpdatedAt,
			price.FieldTier, price.FieldAmount, price.FieldValidFrom, price.FieldValidTo, price.FieldChannelID, price.FieldProductID),
		orders: newTable(migrate.OrdersTable, order.FieldID, order.FieldCreatedAt, order.FieldUpdatedAt, order.FieldNumber,
			order.FieldStatus, order.FieldCreditHold, order.FieldVersion, order.FieldRequestedDeliveryDate, order.FieldNote,
			order.FieldPlacedAt, order.FieldTotal, order.FieldNetAmount, order.FieldCostOfGoods, order.FieldConfirmedAt,
			order.FieldDeliveredAt, order.FieldDealerID, order.PlacedByColumn),
		orderLines: newTable(migrate.OrderLinesTable, orderline.FieldID, orderline.FieldPosition, orderline.FieldSku,
			orderline.FieldProductName, orderline.FieldQuantity, orderline.FieldUnitPrice, orderline.FieldUnitCost,
			orderline.FieldDiscountBasisPoints, orderline.FieldAmount, orderline.FieldShippedQuantity,
			orderline.FieldDeliveredQuantity, orderline.FieldOrderID, orderline.FieldProductID),
		orderEvents: newTable(migrate.OrderEventsTable, orderevent.FieldID, orderevent.FieldKind, orderevent.FieldFrom,
			orderevent.FieldTo, orderevent.FieldActorName, orderevent.FieldAt, orderevent.FieldNote, orderevent.FieldOrderID,
			orderevent.FieldActorID, orderevent.FieldDealerID),
		shipments: newTable(migrate.ShipmentsTable, shipment.FieldID, shipment.FieldCreatedAt, shipment.FieldUpdatedAt,
			shipment.FieldNumber, shipment.FieldStatus, shipment.FieldCarrier, shipment.FieldTrackingNumber, shipment.FieldEta,
			shipment.FieldShippedAt, shipment.FieldDeliveredAt, shipment.FieldDealerID, shipment.FieldOrderID),
		shipmentLines: newTable(migrate.ShipmentLinesTable, shipmentline.FieldID, shipmentline.FieldQuantity,
			shipmentline.FieldAmount, shipmentline.FieldDealerID, shipmentline.FieldOrderLineID, shipmentline.FieldShipmentID),
		deliveryEvents: newTable(migrate.DeliveryEventsTable, deliveryevent.FieldID, deliveryevent.FieldStatus,
			deliveryevent.FieldLocation, deliveryevent.FieldNote, deliveryevent.FieldOccurredAt, deliveryevent.FieldActorName,
			deliveryevent.FieldDealerID, deliveryevent.FieldActorID, deliveryevent.FieldShipmentID),
		invoices: newTable(migrate.InvoicesTable, invoice.FieldID, invoice.FieldCreatedAt, invoice.FieldUpdatedAt,
			invoice.FieldNumber, invoice.FieldIssuedOn, invoice.FieldDueOn, invoice.FieldAmount, invoice.FieldBalance,
			invoice.FieldPaidOffOn, invoice.FieldDealerID, invoice.FieldOrderID, invoice.FieldShipmentID),
		payments: newTable(migrate.PaymentsTable, payment.FieldID, payment.FieldCreatedAt, payment.FieldUpdatedAt,
			payment.FieldAmount, payment.FieldReceivedAt, payment.FieldReceivedOn, payment.FieldReference,
			payment.FieldUnallocated, payment.FieldDealerID),
		creditNotes: newTable(migrate.CreditNotesTable, creditnote.FieldID, creditnote.FieldCreatedAt, creditnote.FieldUpdatedAt,
			creditnote.FieldNumber, creditnote.FieldAmount, creditnote.FieldReason, creditnote.FieldIssuedAt,
			creditnote.FieldIssuedOn, creditnote.FieldUnallocated, creditnote.FieldDealerID, creditnote.FieldKind, creditnote.FieldProductID),
		allocations: newTable(migrate.AllocationsTable, allocation.FieldID, allocation.FieldAmount, allocation.FieldAppliedOn,
			allocation.FieldCreditNoteID, allocation.FieldDealerID, allocation.FieldInvoiceID, allocation.FieldPaymentID),
		interactions: newTable(migrate.InteractionsTable, interaction.FieldID, interaction.FieldCreatedAt, interaction.FieldUpdatedAt,
			interaction.FieldKind, interaction.FieldOccurredAt, interaction.FieldSubject, interaction.FieldNotes,
			interaction.FieldOutcome, interaction.FieldAuthorName, interaction.FieldDealerID, interaction.FieldAuthorID),
		interactionContacts: newTable(migrate.InteractionContactsTable, interaction.ContactsPrimaryKey...),
		followUps: newTable(migrate.FollowUpsTable, followup.FieldID, followup.FieldCreatedAt, followup.FieldUpdatedAt,
			followup.FieldDueOn, followup.FieldText, followup.FieldAssigneeName, followup.FieldDoneAt, followup.FieldDoneByName,
			followup.FieldDealerID, followup.FieldAssigneeID, followup.FieldInteractionID),
		tickets: newTable(migrate.ServiceTicketsTable, serviceticket.FieldID, serviceticket.FieldCreatedAt, serviceticket.FieldUpdatedAt,
			serviceticket.FieldNumber, serviceticket.FieldCategory, serviceticket.FieldSubject, serviceticket.FieldBody,
			serviceticket.FieldStatus, serviceticket.FieldOpenedAt, serviceticket.FieldOpenedByName,
			serviceticket.FieldFirstResponseAt, serviceticket.FieldClosedAt, serviceticket.FieldLastActivityAt,
			serviceticket.FieldReplyCount, serviceticket.FieldDealerID, serviceticket.FieldOrderID, serviceticket.FieldOpenedByID),
		ticketReplies: newTable(migrate.TicketRepliesTable, ticketreply.FieldID, ticketreply.FieldAuthorName, ticketreply.FieldFromStaff,
			ticketreply.FieldBody, ticketreply.FieldAt, ticketreply.FieldTicketID, ticketreply.FieldDealerID, ticketreply.FieldAuthorID),
		searchEntries: newTable(migrate.SearchEntriesTable, searchentry.FieldID, searchentry.FieldKind, searchentry.FieldSubjectID,
			searchentry.FieldDealerID, searchentry.FieldInternal, searchentry.FieldTitle, searchentry.FieldBody,
			searchentry.FieldTerms, searchentry.FieldUpdatedAt),
		inventoryReports: newTable(migrate.InventoryReportsTable, inventoryreport.FieldID, inventoryreport.FieldCreatedAt,
			inventoryreport.FieldUpdatedAt, inventoryreport.FieldDealerID, inventoryreport.FieldReportedOn,
			inventoryreport.FieldRecordedByID, inventoryreport.FieldRecordedByName),
		inventoryLines: newTable(migrate.InventoryLinesTable, inventoryline.FieldID, inventoryline.FieldReportID,
			inventoryline.FieldDealerID, inventoryline.FieldProductID, inventoryline.FieldSku, inventoryline.FieldProductName,
			inventoryline.FieldStock, inventoryline.FieldUnitCost),
		surveys: newTable(migrate.DistributionSurveysTable, distributionsurvey.FieldID, distributionsurvey.FieldCreatedAt,
			distributionsurvey.FieldUpdatedAt, distributionsurvey.FieldDealerID, distributionsurvey.FieldSurveyedOn,
			distributionsurvey.FieldOutletsVisited, distributionsurvey.FieldOutletsCarrying, distributionsurvey.FieldNote,
			distributionsurvey.FieldRecordedByID, distributionsurvey.FieldRecordedByName),
		scores: newTable(migrate.SatisfactionScoresTable, satisfactionscore.FieldID, satisfactionscore.FieldCreatedAt,
			satisfactionscore.FieldUpdatedAt, satisfactionscore.FieldDealerID, satisfactionscore.FieldScoredOn,
			satisfactionscore.FieldScore, satisfactionscore.FieldNote, satisfactionscore.FieldRecordedByID,
			satisfactionscore.FieldRecordedByName),
		costs: newTable(migrate.ChannelCostsTable, channelcost.FieldID, channelcost.FieldCreatedAt, channelcost.FieldUpdatedAt,
			channelcost.FieldChannelID, channelcost.FieldDealerID, channelcost.FieldIncurredOn, channelcost.FieldCategory,
			channelcost.FieldAmount, channelcost.FieldNote, channelcost.FieldRecordedByID, channelcost.FieldRecordedByName),
		shares: newTable(migrate.MarketSharesTable, marketshare.FieldID, marketshare.FieldCreatedAt, marketshare.FieldUpdatedAt,
			marketshare.FieldTerritoryID, marketshare.FieldMonth, marketshare.FieldShare),
	}
}

// all lists the tables in foreign-key order.
func (t *tables) all() []*table {
	return []*table{t.users, t.channels, t.channelManagers, t.territories, t.dealers, t.dealerTerritories,
		t.contacts, t.tokens, t.products, t.prices, t.orders, t.orderLines, t.orderEvents,
		t.shipments, t.shipmentLines, t.deliveryEvents, t.invoices, t.payments, t.creditNotes, t.allocations,
		t.interactions, t.interactionContacts, t.followUps, t.tickets, t.ticketReplies, t.searchEntries,
		t.inventoryReports, t.inventoryLines, t.surveys, t.scores, t.costs, t.shares}
}

// batch is rows waiting to be written, by table, in the tables' order.
type batch struct {
	rows map[*table][][]any
	n    int
}

func newBatch() *batch { return &batch{rows: map[*table][][]any{}} }

func (b *batch) add(t *table, row ...any) {
	b.rows[t] = append(b.rows[t], row)
	b.n++
}

// Columns are the columns the seed fills, by table.
func Columns() map[string][]string {
	out := map[string][]string{}
	for _, t := range newTables().all() {
		out[t.name] = t.cols
	}
	return out
}
