import { describe, expect, it } from 'vitest';
import { fieldsToRectify, normaliseRectification } from './rectification.js';

const changes = normaliseRectification([{ attribute: 'phone', value: '+44 7400 123456' }, { attribute: 'lastName', value: 'Whitfield-Hale' }], 'FR');

describe('which fields a correction writes', () => {
  it('replaces the phone numbers a record holds, and leaves its empty phone fields empty', () => {
    // A Salesforce Contact with only a mobile number: the office line stays empty.
    const contact = { FirstName: 'James', LastName: 'Whitfield', Phone: null, MobilePhone: '+44 7911 123456', HomePhone: '' };
    expect(fieldsToRectify(contact, changes, { email: 'james.whitfield@example.co.uk' }, 'FR')).toEqual([
      { field: 'LastName', value: 'Whitfield-Hale' },
      { field: 'MobilePhone', value: '+447400123456' },
    ]);
  });

  it('replaces only the current number when it is known', () => {
    const contact = { Phone: '+44 161 496 0000', MobilePhone: '07911 123456' };
    expect(fieldsToRectify(contact, changes, { email: 'james.whitfield@example.co.uk', phone: '+447911123456' }, 'GB')).toEqual([{ field: 'MobilePhone', value: '+447400123456' }]);
  });

  it('completes an empty field of another attribute, and leaves fields already right alone', () => {
    const birth = normaliseRectification([{ attribute: 'birthDate', value: '1979-04-23' }, { attribute: 'city', value: 'Manchester' }], 'FR');
    expect(fieldsToRectify({ Birthdate: null, MailingCity: 'Manchester' }, birth, { email: 'james.whitfield@example.co.uk' }, 'FR')).toEqual([{ field: 'Birthdate', value: '1979-04-23' }]);
  });
});
