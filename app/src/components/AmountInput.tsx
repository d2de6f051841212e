import { useId } from "react";
import type { PayoutToken } from "../data/rounds.ts";
import { type ParsedAmount, parseTokenAmount } from "../lib/format.ts";

/** A token amount field: typed in whole tokens, validated as typed, the error tied to the field. */
export function AmountInput(props: {
  label: string;
  token: PayoutToken;
  value: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const parsed = parseTokenAmount(props.value, props.token.decimals, props.token.symbol);
  const showError = !parsed.ok && props.value !== "";
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <div className="amount-field">
        <input
          id={id}
          inputMode="decimal"
          autoComplete="off"
          placeholder="0"
          value={props.value}
          aria-invalid={showError}
          aria-describedby={showError ? errorId : undefined}
          onChange={(event) => {
            props.onChange(event.target.value);
          }}
        />
        <span className="unit">{props.token.symbol}</span>
      </div>
      {showError && (
        <p id={errorId} className="field-error">
          {parsed.error}
        </p>
      )}
    </div>
  );
}

export function parsedAmount(value: string, token: PayoutToken): ParsedAmount {
  return parseTokenAmount(value, token.decimals, token.symbol);
}
