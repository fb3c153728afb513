/** Svelte action: shows a <dialog> as a modal when it mounts; a click on its backdrop closes it. */
export function modal(node: HTMLDialogElement) {
  if (!node.open) node.showModal();
  // The backdrop is the dialog element itself, outside its content.
  const onClick = (e: MouseEvent) => {
    if (e.target === node) node.close();
  };
  node.addEventListener('click', onClick);
  return { destroy: () => node.removeEventListener('click', onClick) };
}
