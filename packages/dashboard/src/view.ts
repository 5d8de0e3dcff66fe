/** A page: its root element, a refresh the poller calls, and cleanup when the route changes. */
export interface View {
  element: HTMLElement;
  refresh: () => Promise<void>;
  dispose: () => void;
}
