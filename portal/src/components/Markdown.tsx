import ReactMarkdown from "react-markdown";

/**
 * A policy's Markdown body. Raw HTML in it is dropped, not rendered, and
 * links keep only safe protocols (react-markdown's default URL filter).
 */
export default function Markdown({ source }: { source: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown skipHtml>{source}</ReactMarkdown>
    </div>
  );
}
