import { findSpec } from '../../src/assemble/docker';

describe('findSpec', () => {
  it('finds the SPEC message among logs, other messages and non-JSON lines', () => {
    const lines = [
      'starting',
      '{"type":"LOG","log":{"level":"INFO","message":"hi"}}',
      '{not json',
      '  {"type":"SPEC","spec":{"connectionSpecification":{"type":"object"},"documentationUrl":"x"}}  ',
    ];
    expect(findSpec(lines)).toEqual({
      spec: {
        type: 'SPEC',
        spec: { connectionSpecification: { type: 'object' }, documentationUrl: 'x' },
      },
      specWithoutSchema: false,
    });
  });

  it('tells a SPEC without connectionSpecification from no SPEC at all', () => {
    expect(findSpec(['{"type":"SPEC","spec":{}}'])).toEqual({ specWithoutSchema: true });
    expect(findSpec(['{"type":"SPEC","spec":{"connectionSpecification":[]}}'])).toEqual({
      specWithoutSchema: true,
    });
    expect(findSpec(['{"type":"LOG"}', '[]', '"SPEC"'])).toEqual({ specWithoutSchema: false });
  });
});
