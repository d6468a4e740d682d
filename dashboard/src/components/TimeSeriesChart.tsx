import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, DataZoomComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only the pieces used, so the chart chunk stays small; this module is loaded lazily by the pages that
// draw charts, never in the initial bundle.
echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, CanvasRenderer]);

export interface ChartSeries {
  name: string;
  points: [number, number][]; // [epoch ms, value]
}

export default function TimeSeriesChart({ series, height = 280, label }: { series: ChartSeries[]; height?: number; label: string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const dark = document.documentElement.classList.contains('dark');
    chart.current = echarts.init(element.current, dark ? 'dark' : undefined);
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { type: 'scroll', top: 0 },
        grid: { left: 50, right: 20, top: 30, bottom: 30 },
        xAxis: { type: 'time' },
        yAxis: { type: 'value', scale: true },
        series: series.map((s) => ({ name: s.name, type: 'line', showSymbol: false, data: s.points })),
      },
      true,
    );
  }, [series]);

  return <div ref={element} role="img" aria-label={label} style={{ height, width: '100%' }} />;
}
