import { useEffect, useState } from 'react';
import { useStore } from '../../store/store';

/** Room the header, the run bar and the two charts' captions, toggles and legends take (px). */
const CLASSROOM_CHROME = 340;

/**
 * Plot height of the two live charts: `normal` on the page; in classroom mode, half of what the
 * window leaves after the run bar and the charts' labels, so both fit on the first screen of a
 * projector (214 px at 768 px high, 370 px at 1080).
 */
export function useChartHeight(normal = 280): number {
  const classroom = useStore((s) => s.classroom);
  const [viewport, setViewport] = useState(() => window.innerHeight);
  useEffect(() => {
    if (!classroom) return;
    const onResize = () => setViewport(window.innerHeight);
    onResize();
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [classroom]);
  if (!classroom) return normal;
  return Math.max(200, Math.min(420, Math.floor((viewport - CLASSROOM_CHROME) / 2)));
}
