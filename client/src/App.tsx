import { CreatePage } from './pages/CreatePage';
import { FacilitatePage } from './pages/FacilitatePage';
import { GonePage } from './pages/GonePage';
import { JoinPage } from './pages/JoinPage';
import { ReportPage } from './pages/ReportPage';
import { useRoute } from './router';

export function App() {
  const route = useRoute();
  switch (route.page) {
    case 'create':
      return <CreatePage />;
    case 'join':
      return <JoinPage key={route.workshopId} workshopId={route.workshopId} />;
    case 'facilitate':
      return <FacilitatePage key={route.workshopId} workshopId={route.workshopId} />;
    case 'report':
      return <ReportPage key={route.workshopId} workshopId={route.workshopId} />;
    case 'missing':
      return <GonePage kind="notFound" />;
    default: {
      const never: never = route;
      return never;
    }
  }
}
