import { describe, expect, it } from 'vitest';
import { FIREFOX_TESTED_FROM, firefoxTooOld } from './browsers.mjs';

describe('firefoxTooOld', () => {
  it('turns away a Firefox the harness cannot drive, saying how to get a newer one', () => {
    const why = firefoxTooOld('Mozilla Firefox 140.12.0esr');
    expect(why).toContain('Mozilla Firefox 140.12.0esr');
    expect(why).toContain(`Firefox ESR ${FIREFOX_TESTED_FROM} or newer`);
    expect(why).toContain('apt-get update');
  });

  it('takes the version it was tested with and newer ones', () => {
    expect(firefoxTooOld(`Mozilla Firefox ${FIREFOX_TESTED_FROM}.0esr`)).toBeNull();
    expect(firefoxTooOld('Mozilla Firefox 160.0.1')).toBeNull();
  });

  it('gives a line without a version the benefit of the doubt', () => {
    expect(firefoxTooOld('')).toBeNull();
    expect(firefoxTooOld('some wrapper')).toBeNull();
  });
});
