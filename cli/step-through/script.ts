/**
 * The step-through page's script, inlined. It reads the page's data (`#callsim-data`: the calls
 * and their frames, from cli/step-through/frames.ts) and shows one frame at a time: the state
 * entered and the transition taken highlighted on the diagram, the guards tried (false ones
 * dashed), a callout beside the state with that step's effects on shared state, the frame's
 * details, and the timeline. Next/Previous, the arrow keys, Home/End and a click on the timeline
 * move between frames. Plain ES2017 and DOM, nothing fetched; text is set with textContent only.
 */
export const STEP_THROUGH_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('callsim-data').textContent);
  var call = 0;
  var index = 0;
  var SVG = 'http://www.w3.org/2000/svg';
  function byId(id) { return document.getElementById(id); }
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function section(machine) { return document.querySelector('.machine[data-machine="' + CSS.escape(machine) + '"]'); }
  function svgOf(machine) { var s = section(machine); return s ? s.querySelector('svg') : null; }
  function stateEl(machine, state) {
    var svg = svgOf(machine);
    return svg && state !== null ? svg.querySelector('.state[data-state="' + CSS.escape(state) + '"]') : null;
  }
  function edgeEls(machine, edge) {
    var svg = svgOf(machine);
    return svg && edge !== undefined ? svg.querySelectorAll('[data-edge="' + edge + '"]') : [];
  }
  function each(list, f) { Array.prototype.forEach.call(list, f); }

  function showCall(c) {
    call = c;
    index = 0;
    var current = data.calls[call];
    byId('heading').textContent = current.heading;
    each(document.querySelectorAll('.machine'), function (s) { s.hidden = current.machines.indexOf(s.getAttribute('data-machine')) < 0; });
    var facts = byId('facts');
    facts.textContent = '';
    current.facts.forEach(function (f) { facts.appendChild(el('dt', '', f.name)); facts.appendChild(el('dd', '', f.value)); });
    var timeline = byId('timeline');
    timeline.textContent = '';
    current.frames.forEach(function (f, i) {
      var li = el('li', i > 0 && f.machine !== current.frames[i - 1].machine ? 'machine-start' : '');
      li.appendChild(el('span', 'at', f.at));
      li.appendChild(document.createTextNode((i > 0 && f.machine !== current.frames[i - 1].machine ? f.machine + ': ' : '') + f.title));
      li.addEventListener('click', function () { go(i); });
      timeline.appendChild(li);
    });
    show();
  }

  function clearMarks() {
    each(document.querySelectorAll('svg.diagram .current, svg.diagram .taken, svg.diagram .rejected, svg.diagram .visited, svg.diagram .passed'), function (e) {
      e.classList.remove('current', 'taken', 'rejected', 'visited', 'passed');
    });
    each(document.querySelectorAll('svg.diagram .callout'), function (e) { e.remove(); });
  }

  function callout(machine, target, lines) {
    var svg = svgOf(machine);
    if (!svg || !target || lines.length === 0) return;
    var box = target.querySelector('rect').getBBox();
    var g = document.createElementNS(SVG, 'g');
    g.setAttribute('class', 'callout');
    var rect = document.createElementNS(SVG, 'rect');
    g.appendChild(rect);
    svg.appendChild(g);
    var width = 0;
    lines.forEach(function (line, i) {
      var t = document.createElementNS(SVG, 'text');
      t.setAttribute('y', String(14 + i * 14));
      t.setAttribute('x', '6');
      t.textContent = line;
      g.appendChild(t);
      width = Math.max(width, t.getComputedTextLength());
    });
    width += 12;
    var height = lines.length * 14 + 6;
    var viewWidth = svg.viewBox.baseVal.width;
    var x = box.x + box.width + 10;
    if (x + width > viewWidth && box.x - 10 - width >= 0) x = box.x - 10 - width;
    rect.setAttribute('width', String(width));
    rect.setAttribute('height', String(height));
    rect.setAttribute('rx', '4');
    g.setAttribute('transform', 'translate(' + x + ',' + (box.y + box.height / 2 - height / 2) + ')');
  }

  function detail(frame) {
    var d = byId('detail');
    d.textContent = '';
    d.appendChild(el('h3', '', frame.at + '  ' + frame.title));
    if (frame.transition) d.appendChild(el('p', 'transition', frame.transition));
    var ul = el('ul');
    frame.lines.forEach(function (line) {
      var li = el('li', line.kind + (line.kind === 'guard' ? ' ' + line.value : ''), (line.kind === 'effect' ? 'effect ' : '') + line.text);
      if (line.rule) li.appendChild(el('span', 'rule', '(' + line.rule + ')'));
      ul.appendChild(li);
    });
    d.appendChild(ul);
    if (frame.final) d.appendChild(el('p', 'final', 'Final state of the ' + frame.machine + ' machine: ' + frame.final.outcome + (frame.final.text ? ', ' + frame.final.text : '')));
    if (frame.outcome) {
      var o = el('div', 'outcome');
      o.appendChild(el('p', 'id', 'Outcome ' + frame.outcome.id));
      o.appendChild(el('p', 'reason', frame.outcome.reason));
      o.appendChild(el('p', 'rule', 'Rule ' + frame.outcome.id + ': ' + frame.outcome.rule));
      d.appendChild(o);
    }
  }

  function show() {
    var frames = data.calls[call].frames;
    var frame = frames[index];
    clearMarks();
    for (var i = 0; i < index; i++) {
      var before = stateEl(frames[i].machine, frames[i].state);
      if (before) before.classList.add('visited');
      each(edgeEls(frames[i].machine, frames[i].edge), function (e) { e.classList.add('passed'); });
    }
    frame.rejected.forEach(function (edge) { each(edgeEls(frame.machine, edge), function (e) { e.classList.add('rejected'); }); });
    each(edgeEls(frame.machine, frame.edge), function (e) { e.classList.remove('passed'); e.classList.add('taken'); });
    var current = stateEl(frame.machine, frame.state);
    if (current) {
      current.classList.remove('visited');
      current.classList.add('current');
      var lines = [];
      frame.lines.forEach(function (line) { if (line.kind === 'effect') lines = lines.concat(line.callout); });
      callout(frame.machine, current, lines);
      current.scrollIntoView({ block: 'center', inline: 'center' });
      // The label of the transition taken sits between its source and the state: bring it in too.
      var label = svgOf(frame.machine).querySelector('.edge-label.taken');
      if (label) label.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
    detail(frame);
    byId('status').textContent = 'Step ' + (index + 1) + ' of ' + frames.length;
    byId('prev').disabled = index === 0;
    byId('next').disabled = index === frames.length - 1;
    each(byId('timeline').children, function (li, i) { li.classList.toggle('current', i === index); });
    var li = byId('timeline').children[index];
    if (li) li.scrollIntoView({ block: 'nearest' });
  }

  function go(i) {
    var last = data.calls[call].frames.length - 1;
    index = Math.max(0, Math.min(last, i));
    show();
  }

  byId('next').addEventListener('click', function () { go(index + 1); });
  byId('prev').addEventListener('click', function () { go(index - 1); });
  var choice = byId('call');
  if (choice) choice.addEventListener('change', function () { showCall(Number(choice.value)); choice.blur(); });
  document.addEventListener('keydown', function (event) {
    if (event.target && event.target.tagName === 'SELECT') return;
    var moves = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: Infinity };
    if (!(event.key in moves)) return;
    event.preventDefault();
    go(moves[event.key]);
  });
  showCall(0);
})();
`;
