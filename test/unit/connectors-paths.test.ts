import { displayPath, isInside } from '../../src/connectors/paths';

describe('isInside', () => {
  it('a folder holds itself and what lies under it', () => {
    expect(isInside('/w/proj', '/w/proj')).toBe(true);
    expect(isInside('/w/proj', '/w/proj/a/b')).toBe(true);
    expect(isInside('/w/proj', '/w/proj/..hidden')).toBe(true);
  });

  it('a sibling sharing the prefix is not inside (/w/proj2 against /w/proj)', () => {
    expect(isInside('/w/proj', '/w/proj2')).toBe(false);
    expect(isInside('/w/proj', '/w/proj2/a')).toBe(false);
    expect(isInside('/w/proj', '/w')).toBe(false);
    expect(isInside('/w/proj', '/elsewhere')).toBe(false);
  });

  it('everything is inside /', () => {
    expect(isInside('/', '/')).toBe(true);
    expect(isInside('/', '/a/b')).toBe(true);
  });
});

describe('displayPath', () => {
  it('relative inside the working directory, absolute outside it', () => {
    expect(displayPath('/w/proj', '/w/proj')).toBe('.');
    expect(displayPath('/w/proj/target/x.nar', '/w/proj')).toBe('target/x.nar');
    expect(displayPath('/w/proj2/x.nar', '/w/proj')).toBe('/w/proj2/x.nar');
  });
});
