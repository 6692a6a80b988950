/** A small SVG line chart of per-epoch series (e.g. train and valid loss). */
export interface Series {
  name: string;
  values: number[];
  colour: string;
}

const WIDTH = 320;
const HEIGHT = 140;
const PAD = 28;

export function LineChart({ title, series, epochs }: {
  title: string; series: Series[]; epochs: number;
}) {
  const all = series.flatMap((s) => s.values.filter(Number.isFinite));
  const max = all.length ? Math.max(...all) : 1;
  const min = all.length ? Math.min(0, ...all) : 0;
  const x = (i: number) => PAD + (i / Math.max(1, epochs - 1)) * (WIDTH - 2 * PAD);
  const y = (v: number) => HEIGHT - PAD - ((v - min) / (max - min || 1)) * (HEIGHT - 2 * PAD);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title}>
        <line x1={PAD} y1={HEIGHT - PAD} x2={WIDTH - PAD} y2={HEIGHT - PAD} stroke="#555" />
        <line x1={PAD} y1={PAD} x2={PAD} y2={HEIGHT - PAD} stroke="#555" />
        <text x={2} y={PAD} fontSize="10" fill="#aab">{max.toFixed(2)}</text>
        <text x={2} y={HEIGHT - PAD} fontSize="10" fill="#aab">{min.toFixed(2)}</text>
        {series.map((s) => (
          <polyline key={s.name} fill="none" stroke={s.colour} strokeWidth={2}
            points={s.values.map((v, i) => (Number.isFinite(v) ? `${x(i)},${y(v)}` : ''))
              .filter(Boolean).join(' ')} />
        ))}
      </svg>
      <div className="legend">
        {series.map((s) => <span key={s.name} style={{ color: s.colour }}>■ {s.name} </span>)}
      </div>
    </figure>
  );
}
