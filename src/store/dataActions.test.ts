/** Switching the series of a long-format file: the page's dataset, stats and run follow. */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseDataset } from '../model/data/dataset';
import { largestSeries, seriesDataset } from '../model/data/series';
import { selectSeries } from './dataActions';
import { initialState, useStore } from './store';

const stocks = parseDataset(
  readFileSync('node_modules/vega-datasets/data/stocks.csv', 'utf8'),
  'stocks.csv',
);

describe('selectSeries', () => {
  beforeEach(() => {
    const name = largestSeries(stocks.series)!;
    useStore.setState({
      ...initialState,
      source: stocks,
      seriesName: name,
      dataset: seriesDataset(stocks, name),
    });
  });

  it('derives the chosen series from the kept file, with its own statistics', () => {
    selectSeries('GOOG');
    const s = useStore.getState();
    expect(s.seriesName).toBe('GOOG');
    expect(s.source).toBe(stocks);
    expect(s.dataset?.rowCount).toBe(68);
    expect(s.stats.price.count).toBe(68);
    expect(s.dataset?.cells[0][0]).toBe('GOOG');
  });

  it('ignores a change while training', () => {
    useStore.setState({ status: 'training' });
    selectSeries('GOOG');
    expect(useStore.getState().seriesName).toBe('MSFT');
  });
});
