import { useEffect, useId, useState } from "react";

/** A labelled search box that applies on submit (Enter or the button). */
export function SearchForm({
  label,
  submitLabel,
  value,
  onSearch,
}: {
  label: string;
  submitLabel: string;
  value: string;
  onSearch: (q: string) => void;
}) {
  const id = useId();
  const [q, setQ] = useState(value);
  useEffect(() => setQ(value), [value]);
  return (
    <form
      className="search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(q.trim());
      }}
    >
      <label htmlFor={id}>{label}</label>
      <div className="search-row">
        <input id={id} type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
        <button type="submit" className="button">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
