// The portal's only script. Pages (the host's and the modules') ask for behaviour with data- attributes, because
// the Content-Security-Policy runs no inline script or handler (ADR 0016).

// Copy-to-clipboard buttons: data-copy-target="#id".
document.addEventListener('click', async (event) => {
  const button = event.target.closest('[data-copy-target]');
  if (!button) return;
  const target = document.querySelector(button.dataset.copyTarget);
  if (!target) return;
  const text = 'value' in target ? target.value : target.textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.dataset.copied = 'true';
    const done = button.dataset.copiedLabel;
    if (done) button.textContent = done;
  } catch {
    if ('select' in target) target.select();
  }
});

// Invitation drafts: the mail program opens with the draft as edited on the page
// (textarea data-mailto-link="#a" data-mailto-to data-mailto-subject).
document.addEventListener('input', (event) => {
  const draft = event.target.closest('[data-mailto-link]');
  if (!draft) return;
  const open = document.querySelector(draft.dataset.mailtoLink);
  if (!open) return;
  open.href = 'mailto:' + encodeURIComponent(draft.dataset.mailtoTo || '')
    + '?subject=' + encodeURIComponent(draft.dataset.mailtoSubject || '')
    + '&body=' + encodeURIComponent(draft.value);
});

// R-PC-5: whether a domain is free, while it is typed (input data-check-url, data-domain-status="#status",
// data-free/-taken/-invalid texts); the server checks again on submit.
{
  let timer;
  document.addEventListener('input', (event) => {
    const input = event.target.closest('[data-check-url][data-domain-status]');
    if (!input) return;
    const status = document.querySelector(input.dataset.domainStatus);
    if (!status) return;
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const domain = input.value.trim();
      if (!domain) { status.textContent = ''; return; }
      const response = await fetch(input.dataset.checkUrl + '&domain=' + encodeURIComponent(domain), { headers: { 'Accept': 'application/json' } });
      if (!response.ok) return;
      const answer = await response.json();
      status.dataset.state = !answer.valid ? 'invalid' : answer.taken ? 'taken' : 'free';
      status.textContent = !answer.valid ? input.dataset.invalid : (answer.taken ? input.dataset.taken : input.dataset.free).replace('{0}', answer.domain);
    }, 300);
  });
}

// R-CUS-2: a page that shows a one-time secret names another address (data-replace-url="/local/path"), so a
// reload shows that page, never the secret. Local paths only.
for (const element of document.querySelectorAll('[data-replace-url]')) {
  const url = element.dataset.replaceUrl;
  if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\')) history.replaceState(null, '', url);
}

// A refused form shows again with every message beside its field: the first field to correct gets the focus,
// so keyboard and screen-reader users land where the work is (the summary above still lists them all).
{
  const firstInvalid = document.querySelector('main [aria-invalid="true"]');
  if (firstInvalid && typeof firstInvalid.focus === 'function') firstInvalid.focus();
}

// A table wider than a small screen scrolls in its own box (site.css): it then takes the keyboard focus, so it can
// be scrolled without a mouse (WCAG 2.1.1).
{
  const focusableWhenScrolling = () => {
    for (const table of document.querySelectorAll('main table')) {
      if (table.scrollWidth > table.clientWidth + 1) table.tabIndex = 0;
      else table.removeAttribute('tabindex');
    }
  };
  focusableWhenScrolling();
  window.addEventListener('resize', focusableWhenScrolling);
}

// Times are shown in the reader's zone (PortalTime): the browser's zone, unless the user picked one in their profile.
// The server reads this cookie from the next page on; the sign-in page sets it before any time is shown.
{
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const current = document.cookie.split('; ').find((c) => c.startsWith('gccsaas.tz='));
  if (zone && current !== 'gccsaas.tz=' + encodeURIComponent(zone)) {
    document.cookie = 'gccsaas.tz=' + encodeURIComponent(zone) + '; path=/; max-age=31536000; samesite=lax'
      + (location.protocol === 'https:' ? '; secure' : '');
  }
}

// A link to another form carries what was typed here (issue 16: "What's this?" on Add customer keeps the company and
// domain): a[data-carry="param=#field param2=#field2"] sets each query parameter from the field's value when followed.
document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-carry]');
  if (!link) return;
  const url = new URL(link.href, document.baseURI);
  for (const pair of link.dataset.carry.split(/\s+/)) {
    const [param, selector] = pair.split('=');
    const field = selector && document.querySelector(selector);
    if (param && field && 'value' in field) url.searchParams.set(param, field.value.trim());
  }
  link.href = url.pathname + url.search;
});
