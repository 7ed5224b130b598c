/**
 * The parts of the filing form that only some request types have. Each is a
 * fieldset marked with its type; portal.js shows the chosen type's and sends
 * its fields only, as the API refuses a field given to another type.
 */
import { PERSONAL_ATTRIBUTES, type PersonalAttribute } from '../../core/rectification.js';
import { html, type Html } from './html.js';
import { format, type MessageKey, type Messages } from './i18n.js';

/** The GraphQL enum value of a personal attribute (postalCode → POSTAL_CODE), as schema/request.ts names them. */
export function attributeEnumValue(attribute: PersonalAttribute): string {
  return attribute.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
}

export const ATTRIBUTE_KEYS: readonly MessageKey[] = PERSONAL_ATTRIBUTES.map((a) => `attr.${attributeEnumValue(a)}` as MessageKey);

/** One "what is wrong / the right value" line; portal.js copies the first and renumbers ids when lines come and go. */
function rectificationRow(t: Messages): Html {
  const id = 'rectification-0';
  const options = PERSONAL_ATTRIBUTES.map((a) => html`<option value="${attributeEnumValue(a)}">${t[`attr.${attributeEnumValue(a)}` as MessageKey]}</option>`);
  return html`<fieldset class="row" data-row>
    <legend>${format(t.rectRow, { n: 1 })}</legend>
    <div class="row-fields">
      <div>
        <label for="${id}-attribute" data-label="attribute">${t.rectAttribute}</label>
        <p class="field-error" id="${id}-attribute-error" data-error="attribute" hidden></p>
        <select id="${id}-attribute" data-part="attribute" aria-describedby="${id}-attribute-error">${options}</select>
      </div>
      <div>
        <label for="${id}-value" data-label="value">${t.rectValue}</label>
        <p class="field-error" id="${id}-value-error" data-error="value" hidden></p>
        <input id="${id}-value" data-part="value" type="email" autocomplete="email" maxlength="500" aria-describedby="${id}-value-error">
      </div>
    </div>
    <button type="button" class="secondary" data-remove-row hidden>${format(t.rectRemove, { n: 1 })}</button>
  </fieldset>`;
}

function rectificationFields(t: Messages): Html {
  return html`<fieldset class="field extra" id="rectification" data-type="RECTIFICATION" aria-describedby="rectification-hint rectification-error" hidden>
  <legend>${t.rectHeading}</legend>
  <p class="hint" id="rectification-hint">${t.rectHint}</p>
  <p class="field-error" id="rectification-error" hidden></p>
  <div id="rectification-rows">${rectificationRow(t)}</div>
  <button type="button" class="secondary" id="add-row">${t.rectAdd}</button>
</fieldset>`;
}

function portabilityFields(t: Messages): Html {
  return html`<fieldset class="field extra" id="portability" data-type="PORTABILITY" hidden>
  <legend>${t.passHeading}</legend>
  <p class="hint" id="portability-intro">${t.passIntro}</p>
  <p class="hint warning" id="portability-warning">${t.passWarning}</p>
  <div class="field">
    <label for="passphrase">${t.passphrase}</label>
    <p class="hint" id="passphrase-hint">${t.passphraseHint}</p>
    <p class="field-error" id="passphrase-error" hidden></p>
    <input id="passphrase" name="passphrase" type="password" autocomplete="new-password" maxlength="256" aria-describedby="portability-warning passphrase-hint passphrase-error">
  </div>
  <div class="field">
    <label for="passphrase-confirm">${t.passConfirm}</label>
    <p class="field-error" id="passphrase-confirm-error" hidden></p>
    <input id="passphrase-confirm" name="passphrase-confirm" type="password" autocomplete="new-password" maxlength="256" aria-describedby="passphrase-confirm-error">
  </div>
</fieldset>`;
}

function restrictionFields(t: Messages): Html {
  return html`<fieldset class="field extra" id="restriction" data-type="RESTRICTION" aria-describedby="restriction-hint restriction-error" hidden>
  <legend>${t.restrictHeading}</legend>
  <p class="hint" id="restriction-hint">${t.restrictHint}</p>
  <p class="field-error" id="restriction-error" hidden></p>
  <label class="choice"><input type="radio" name="restriction" value="restrict" checked> ${t.restrictOn}</label>
  <label class="choice"><input type="radio" name="restriction" value="lift"> ${t.restrictLift}</label>
</fieldset>`;
}

/** Every type-specific fieldset, hidden until portal.js shows the chosen one. */
export function typeSpecificFields(t: Messages): Html {
  return html`${rectificationFields(t)}
  ${portabilityFields(t)}
  ${restrictionFields(t)}`;
}

/** Words portal.js needs for these fields: labels it renumbers and the errors of its checks. */
export const TYPE_SPECIFIC_MESSAGES: readonly MessageKey[] = [
  'rectRow', 'rectRemove', 'rectNone', 'rectValueRequired', 'rectTwice', 'rectTooLong', 'rectInvalid', 'rectInvalid.PHONE', 'rectInvalid.BIRTH_DATE',
  'passLength', 'passMismatch', ...ATTRIBUTE_KEYS,
];
