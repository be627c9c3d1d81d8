import type { Child } from 'hono/jsx'

/** How an action's button looks: destructive ones red, the others plain. */
export type ActionTone = 'danger' | 'plain'

/**
 * A button that POSTs its form's fields as JSON to `action` (the page script sends it).
 * With `confirm`, the click opens the page's confirmation dialog first, which says what will
 * happen and starts on Cancel; nothing is sent until its confirm button is pressed.
 * `{limit}` in the confirmation text is replaced by the form's `limit` field.
 */
export function ActionForm(props: {
  action: string
  label: string
  tone: ActionTone
  liveKey?: string
  /** States (of the live value's `state`) in which the form is hidden. */
  hideWhen?: string
  confirm?: { text: string; button: string }
  /** Text telling what the button acts on, for screen readers (e.g. the item id). */
  describe?: string
  children?: Child
}) {
  const { action, label, tone, liveKey, hideWhen, confirm, describe } = props
  return (
    <form
      class={`action ${tone}`}
      data-action={action}
      data-live={liveKey}
      data-hide-when={hideWhen}
      data-confirm={confirm?.text}
      data-confirm-button={confirm?.button}
    >
      {props.children}
      <button type="submit" class={tone} aria-label={describe ? `${label} ${describe}` : undefined}>
        {label}
      </button>
      <span class="flash" data-role="flash" role="status"></span>
    </form>
  )
}

/**
 * The one confirmation dialog of every page (a native modal <dialog>: focus stays inside,
 * Escape cancels). The page script fills in the text and the confirm button's label.
 */
export function ConfirmDialog() {
  return (
    <dialog
      class="confirm"
      data-role="confirm"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-text"
    >
      <h2 id="confirm-title">Please confirm</h2>
      <p id="confirm-text" data-role="confirm-text"></p>
      <div class="buttons">
        <button type="button" class="plain" data-role="cancel" autofocus>
          Cancel
        </button>
        <button type="button" class="danger" data-role="accept">
          Confirm
        </button>
      </div>
    </dialog>
  )
}
