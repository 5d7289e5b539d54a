// Numbers in words the way the page says them: "1 device", "2,314 devices".

export function devicesText(n: number): string {
  return `${n.toLocaleString()} ${n === 1 ? 'device' : 'devices'}`;
}
