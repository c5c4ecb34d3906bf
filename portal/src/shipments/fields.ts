import { graphql } from "../gql";

// A shipment as the order page shows it.
export const ShipmentFieldsFragment = graphql(`
  fragment ShipmentFields on Shipment {
    id
    number
    status
    nextStatuses
    carrier
    trackingNumber
    eta
    shippedAt
    deliveredAt
    lines {
      id
      quantity
      orderLine {
        id
        sku
        productName
      }
    }
    events {
      id
      status
      location
      note
      occurredAt
      actorName
    }
  }
`);
