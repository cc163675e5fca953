export default function App() {
  return (
    <main>
      <h1>RNN Playground</h1>
    </main>
  );
}
