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

/** The installation's settings the order pages need; defaults while they load. */
export function useSettings(): { currency: string; maxLineQuantity: number } {
  const [{ data }] = useQuery({ query: SettingsQuery });
  return { currency: data?.settings?.currency ?? "", maxLineQuantity: data?.settings?.maxLineQuantity ?? 10000 };
}
