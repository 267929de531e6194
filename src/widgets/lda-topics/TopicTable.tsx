/** The topics of one run as word lists (most probable first), with α̂_k beside each. */
export function TopicTable({ topics, alpha, highlight }: { topics: string[][]; alpha: ArrayLike<number>; highlight: readonly number[] }) {
  return (
    <ol data-testid="lda-topic-list" style={{ fontSize: '0.85em', margin: 0, paddingLeft: '2.2em', lineHeight: 1.45 }}>
      {topics.map((words, j) => (
        <li key={j} data-topic={j} style={{ fontWeight: highlight.includes(j) ? 700 : 400 }}>
          {words.join(' ')} <span style={{ color: 'var(--muted, #666)' }}>(α̂ = {Number(alpha[j]).toFixed(2)})</span>
        </li>
      ))}
    </ol>
  );
}
