import { useQuery } from "urql";
import { graphql } from "../gql";

export const SettingsQuery = graphql(`
  query Settings {
    settings {
      currency
      maxLineQuantity
    }
  }
`);

/**
 * The installation's settings the order pages need. Until they load, a
 * quantity field has no maximum: the server checks every line anyway.
 */
export function useSettings(): { currency: string; maxLineQuantity: number | undefined } {
  const [{ data }] = useQuery({ query: SettingsQuery });
  return { currency: data?.settings?.currency ?? "", maxLineQuantity: data?.settings?.maxLineQuantity };
}
