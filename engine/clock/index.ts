/**
 * Engine time: one injected clock (system or controlled) and one scheduler that wakes at the earliest due date
 * (timers, job deadlines, retry back-offs, message TTLs) and whenever the clock is moved.
 */
export { EngineClock } from './engine-clock';
export { DueDateScheduler, type DueEntry, type DueKind } from './due-date-scheduler';
export { engineClockControl, type ClockRecorder } from './engine-clock-control';
