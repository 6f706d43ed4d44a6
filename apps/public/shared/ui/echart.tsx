/**
 * An Apache ECharts chart in React: the option is set on a chart bound to a div, resized with its box.
 * Only the chart types and components the apps use are registered, keeping the bundle small.
 */
import { useEffect, useRef } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** The option object ECharts takes (bar and line series, grid, legend, tooltip). */
export type ChartOption = Parameters<echarts.ECharts['setOption']>[0];

/** A chart of `height` px filling its container's width; `label` names it for screen readers. */
export function EChart({ option, height = 320, label, className }: { option: ChartOption; height?: number; label: string; className?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | undefined>(undefined);
  useEffect(() => {
    const element = box.current!;
    chart.current = echarts.init(element);
    const observer = new ResizeObserver(() => chart.current?.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.current?.dispose();
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <div ref={box} className={className} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
