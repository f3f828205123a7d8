import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Child, escapeHtml, Fragment, Html, jsx, raw } from './jsx-runtime.js';

test('text and attribute values are escaped; raw markup and rendered JSX are not', () => {
  const hostile = `"><script>alert('x')</script>&`;
  const html = String(
    <p title={hostile} data-x={raw('&amp;')}>
      {hostile}
      {raw('<b>kept</b>')}
      <i>{'<i>'}</i>
    </p>,
  );
  assert.equal(
    html,
    '<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;" data-x="&amp;">' +
      '&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;<b>kept</b><i>&lt;i&gt;</i></p>',
  );
  assert.equal(escapeHtml('plain 中文'), 'plain 中文');
});

test('attributes: booleans, numbers, React-style names, and the ones left out', () => {
  assert.equal(
    String(<input type="checkbox" checked disabled={false} hidden={undefined} tabindex={-1} />),
    '<input type="checkbox" checked="" tabindex="-1"/>',
  );
  // a boolean on an attribute that is not a boolean one is written out, as aria-* need
  assert.equal(String(<span aria-hidden={true} />), '<span aria-hidden="true"></span>');
  assert.equal(
    String(
      <label className="a" htmlFor="q">
        Q
      </label>,
    ),
    '<label class="a" for="q">Q</label>',
  );
  assert.equal(String(<div key="k" id={null} />), '<div></div>');
});

test('markup given as an attribute value cannot end the value, whatever quotes it holds', () => {
  const rendered = <span lang="zh-Hant-HK">眾</span>;
  assert.equal(
    String(<p title={rendered} data-x={raw('" onmouseover="alert(1)')} />),
    '<p title="<span lang=&quot;zh-Hant-HK&quot;>眾</span>" data-x="&quot; onmouseover=&quot;alert(1)"></p>',
  );
});

test('void elements close themselves only when empty; others always have an end tag', () => {
  assert.equal(String(<br />), '<br/>');
  assert.equal(String(<img src="https://a/b.jpg" alt="" />), '<img src="https://a/b.jpg" alt=""/>');
  assert.equal(String(<div />), '<div></div>');
  assert.equal(String(<ul>{[]}</ul>), '<ul></ul>');
});

test('children: arrays, fragments, numbers, and nothing for null, undefined and booleans', () => {
  const items: Child[] = ['a', 1, null, undefined, false, true, [<b>x</b>, ['y']]];
  assert.equal(String(<p>{items}</p>), '<p>a1<b>x</b>y</p>');
  assert.equal(
    String(
      <>
        <i>1</i>
        {'&'}
      </>,
    ),
    '<i>1</i>&amp;',
  );
  assert.equal(String(Fragment({})), '');
});

test('components get their props and children; one that renders nothing gives empty markup', () => {
  const Box = (props: { label: string; children?: Child }) => (
    <section aria-label={props.label}>{props.children}</section>
  );
  const Nothing = (_: { show: boolean }) => null;
  const out = (
    <Box label="L">
      <Nothing show={false} />
      text
    </Box>
  );
  assert.ok(out instanceof Html);
  assert.equal(String(out), '<section aria-label="L">text</section>');
});

test('what a view cannot mean is an error, not markup', () => {
  assert.throws(() => jsx('div', { 'bad name': 'x' }), /not valid/);
  assert.throws(() => jsx('div', { '"><x': 'x' }), /not valid/);
  assert.throws(() => jsx('div', { onclick: () => {} }), /was given a function/);
  assert.throws(() => jsx('div', { style: { color: 'red' } }), /was given a object/);
  assert.throws(() => jsx('div', { children: { toString: () => '<x>' } as never }), /as a child/);
});
