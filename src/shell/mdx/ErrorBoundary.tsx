/** Catches a render or chunk-load failure and says what failed, with a retry, instead of a blank page. */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorNote } from './ErrorNote';

interface Props {
  /** What is being shown, for the message: "Interactive figure “em-gmm” (ch2-em)". */
  label: string;
  children: ReactNode;
}

export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(`${this.props.label} failed`, error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <ErrorNote>
        <strong>{this.props.label} could not be shown.</strong> {this.state.error.message}{' '}
        <button type="button" className="reveal-button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </ErrorNote>
    );
  }
}
