import { arrowHead, shaftEnd, type Unrolled } from './unrolled';

/** Draws a laid-out unrolled network (see unrolled.ts); colours and sizes live in explain.css. */
export function UnrolledFigure({ picture }: { picture: Unrolled }) {
  const { width, height, boxes, arrows, labels, description } = picture;
  return (
    <figure className="unrolled">
      <svg
        role="img"
        aria-label={description}
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="xMinYMin meet"
      >
        {arrows.map((a, i) => {
          const end = shaftEnd(a);
          return (
            <g key={`a${i}`} className={`arrow arrow-${a.kind}`}>
              <line
                x1={a.x1}
                y1={a.y1}
                x2={end.x}
                y2={end.y}
                strokeDasharray={a.dashed ? '4 4' : undefined}
              />
              <polygon points={arrowHead(a)} />
            </g>
          );
        })}
        {boxes.map((b, i) => (
          <g key={`b${i}`} className={`box box-${b.kind}`}>
            <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={5} />
            <text x={b.x + b.w / 2} y={b.y + b.h / 2 + 5} textAnchor="middle">
              {b.text}
            </text>
          </g>
        ))}
        {labels.map((l, i) => (
          <text
            key={`l${i}`}
            className={`label label-${l.kind}`}
            x={l.x}
            y={l.y}
            textAnchor={l.anchor}
          >
            {l.text}
          </text>
        ))}
      </svg>
      <figcaption>Unrolled network</figcaption>
    </figure>
  );
}
