import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { graphql } from "../gql";
import { refusal } from "../errors";

export const AcknowledgePolicyMutation = graphql(`
  mutation AcknowledgePolicy($id: ID!) {
    acknowledgePolicy(id: $id) {
      id
      needsAcknowledgement
      acknowledgedAt
    }
  }
`);

/** One click acknowledges the policy's current version for the dealer. */
export function AcknowledgeButton({ policyID, onDone }: { policyID: string; onDone?: () => void }) {
  const { t } = useTranslation();
  const [{ fetching, error }, acknowledge] = useMutation(AcknowledgePolicyMutation);
  return (
    <div className="acknowledge">
      <button
        type="button"
        className="button button-primary"
        data-action="acknowledge"
        disabled={fetching}
        onClick={async () => {
          const r = await acknowledge({ id: policyID });
          if (!r.error) onDone?.();
        }}
      >
        {fetching ? t("policies.acknowledging") : t("policies.acknowledge")}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {refusal(t, error)}
        </p>
      )}
    </div>
  );
}
