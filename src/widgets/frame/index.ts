/**
 * The widget frame's public API. A widget writes:
 *
 *   const w = useWidget({ id, params: demo.params, preset, demo: 'em-gmm', liveParams: ['lr'] });
 *   return <WidgetFrame widget={w} title="EM on a mixture"><ScatterPlot … /></WidgetFrame>;
 *
 * and gets controls, transport, status, notices, URL state, present mode, shortcuts, export.
 */
export { useWidget } from './useWidget';
export { StillFrameContext, WidgetFrame, type WidgetFrameProps } from './WidgetFrame';
export { useFrame, useFigureExport, FrameContext, type FigureExporter, type FrameContextValue } from './frameContext';
export type { WidgetOptions, WidgetState, Trainer } from './types';
export type {
  TrainerState,
  TrainerControls,
  TrainerNotice,
  TrainerNoticeKind,
  HistoryPoint,
  TrainerOptions,
} from './trainerTypes';
export { downloadBlob, svgToPng, canvasToBlob } from './exportFigure';
export { escapeXml } from './svgStack';
export { URL_CHANGE_EVENT } from './locationStore';
