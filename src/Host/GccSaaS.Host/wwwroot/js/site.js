// The portal's only script: copy-to-clipboard buttons (data-copy-target="#id").
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
