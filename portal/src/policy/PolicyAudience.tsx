import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import { audienceWords, type AudienceView } from "./audience";

export const AudienceFieldsFragment = graphql(`
  fragment AudienceFields on Audience {
    all
    tiers
    channels {
      id
      name
      nameZh
    }
    territories {
      id
      name
      nameZh
    }
    dealers {
      id
      name
    }
  }
`);

/** Who a policy is for, in words. */
export function PolicyAudience({ audience }: { audience: AudienceView }) {
  const { t, i18n } = useTranslation();
  return <span className="audience">{audienceWords(t, audience, i18n.language === "zh" ? "zh-CN" : "en")}</span>;
}
