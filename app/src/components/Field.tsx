import { useId } from "react";

/** A labelled form field whose error (if any) is announced and tied to the input. */
export function Field(props: {
  label: string;
  hint?: string;
  error: string | undefined;
  /** Show the error only once the field was touched or the form submitted. */
  showError: boolean;
  children: (input: { id: string; "aria-invalid": boolean; "aria-describedby": string | undefined }) => React.ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const visibleError = props.showError ? props.error : undefined;
  const describedBy = [props.hint ? hintId : undefined, visibleError ? errorId : undefined].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.hint && (
        <p id={hintId} className="hint field-hint">
          {props.hint}
        </p>
      )}
      {props.children({ id, "aria-invalid": visibleError !== undefined, "aria-describedby": describedBy || undefined })}
      {visibleError && (
        <p id={errorId} className="field-error">
          {visibleError}
        </p>
      )}
    </div>
  );
}
