import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{d as r}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t as i}from"./useTranslation-BHcLAHjw.js";import{i as a,l as o,n as s,o as c,r as l,t as u,u as d}from"./usePageTitle-CUEgSYxO.js";import{t as f}from"./viewer-BCh4hgTe.js";import{t as p}from"./Pager-DAfnWMpG.js";import{n as m,r as h,t as g}from"./States-Fx22-PiY.js";import{i as _,r as v,t as y}from"./format-B5R3HS_1.js";import{p as b}from"./index-Bfgpyg1k.js";import{n as x}from"./localName-OkrEYGri.js";var S=e(t(),1),C=n(),w=20,T=c(`
  query MarketOptions($dealerID: ID!, $isDealer: Boolean!) {
    settings {
      today
    }
    products(where: { active: true }, orderBy: { field: SKU }, first: 100) {
      edges {
        node {
          id
          sku
          name
          nameZh
        }
      }
    }
    territories(first: 100) @skip(if: $isDealer) {
      edges {
        node {
          id
          name
          nameZh
        }
      }
    }
    dealer: node(id: $dealerID) @include(if: $isDealer) {
      __typename
      id
      ... on Dealer {
        territories {
          id
          name
          nameZh
        }
      }
    }
  }
`),E=c(`
  query PriceObservations($territoryID: ID, $productID: ID) {
    priceObservations(territoryID: $territoryID, productID: $productID, first: 50) {
      territory {
        id
        name
        nameZh
      }
      product {
        id
        sku
        name
        nameZh
      }
      competitor
      observedPrice
      observedOn
      ourPrice
    }
  }
`),D=c(`
  query MarketReports(
    $territoryID: ID
    $productID: ID
    $from: Date
    $to: Date
    $first: Int
    $after: Cursor
    $last: Int
    $before: Cursor
  ) {
    marketReports(
      territoryID: $territoryID
      productID: $productID
      from: $from
      to: $to
      first: $first
      after: $after
      last: $last
      before: $before
    ) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          id
          competitor
          observedPrice
          observedOn
          note
          reportedByName
          reportedAt
          attachments {
            ...AttachmentFields
          }
          dealer {
            id
            name
          }
          territory {
            id
            name
            nameZh
          }
          product {
            id
            sku
            name
            nameZh
          }
        }
      }
    }
  }
`),O=c(`
  mutation SubmitMarketReport($input: SubmitMarketReportInput!) {
    submitMarketReport(input: $input) {
      id
    }
  }
`);function k(){let{t:e}=i(),[{data:t}]=f(),n=t?.me,r=n?.role===`DEALER`;u(e(`market.title`));let[a,o]=(0,S.useState)(0),[{data:s,error:c}]=d({query:T,variables:{dealerID:n?.dealer?.id??``,isDealer:r},pause:!n});if(c&&!s)return(0,C.jsx)(m,{error:c});if(!s)return(0,C.jsx)(h,{});let l=(s.products.edges??[]).flatMap(e=>e?.node?[{id:e.node.id,name:`${e.node.sku} ${e.node.name}`,nameZh:e.node.nameZh?`${e.node.sku} ${e.node.nameZh}`:null}]:[]),p=r?s.dealer?.__typename===`Dealer`?s.dealer.territories??[]:[]:(s.territories?.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,C.jsxs)(`section`,{"aria-labelledby":`market-title`,children:[(0,C.jsx)(`h1`,{id:`market-title`,children:e(`market.title`)}),(0,C.jsx)(`p`,{className:`lead`,children:e(r?`market.intro`:`market.staffIntro`)}),r&&(0,C.jsx)(A,{territories:p,products:l,today:s.settings.today,onSent:()=>o(e=>e+1)}),r&&(0,C.jsx)(j,{sent:a}),(0,C.jsx)(M,{territories:p,products:l,staff:!r,sent:a})]})}function A({territories:e,products:t,today:n,onSent:r}){let{t:c,i18n:u}=i(),d=(0,S.useId)(),f={territoryID:e[0]?.id??``,productID:``,competitor:``,observedPrice:``,observedOn:n,note:``},[p,m]=(0,S.useState)(f),[h,g]=(0,S.useState)(!1),[{fetching:_,error:v},y]=o(O),b=a(v),w=e=>{let t=b.find(t=>l(t.field).name===e);return t?(0,C.jsx)(`p`,{className:`field-error`,role:`alert`,children:s(c,t,`market`)}):null},T=b.filter(e=>!e.field),E=e=>t=>m(n=>({...n,[e]:t.target.value}));return(0,C.jsxs)(`section`,{"aria-labelledby":`${d}-title`,children:[(0,C.jsx)(`h2`,{id:`${d}-title`,children:c(`market.report`)}),(0,C.jsxs)(`form`,{className:`form market-form`,noValidate:!0,onSubmit:async e=>{e.preventDefault(),g(!1),(await y({input:{...p,note:p.note||null}})).error||(m({...f,territoryID:p.territoryID}),g(!0),r())},children:[(0,C.jsxs)(`div`,{className:`field-row`,children:[(0,C.jsxs)(`div`,{className:`field`,children:[(0,C.jsx)(`label`,{htmlFor:`${d}-territory`,children:c(`market.territory`)}),(0,C.jsx)(`select`,{id:`${d}-territory`,name:`territoryID`,value:p.territoryID,onChange:E(`territoryID`),children:e.map(e=>(0,C.jsx)(`option`,{value:e.id,children:x(e,u.language)},e.id))}),w(`territoryID`)]}),(0,C.jsxs)(`div`,{className:`field`,children:[(0,C.jsx)(`label`,{htmlFor:`${d}-product`,children:c(`market.product`)}),(0,C.jsxs)(`select`,{id:`${d}-product`,name:`productID`,value:p.productID,onChange:E(`productID`),children:[(0,C.jsx)(`option`,{value:``,children:c(`market.chooseProduct`)}),t.map(e=>(0,C.jsx)(`option`,{value:e.id,children:x(e,u.language)},e.id))]}),w(`productID`)]})]}),(0,C.jsxs)(`div`,{className:`field-row`,children:[(0,C.jsxs)(`div`,{className:`field`,children:[(0,C.jsx)(`label`,{htmlFor:`${d}-competitor`,children:c(`market.competitor`)}),(0,C.jsx)(`input`,{id:`${d}-competitor`,name:`competitor`,value:p.competitor,maxLength:200,onChange:E(`competitor`)}),w(`competitor`)]}),(0,C.jsxs)(`div`,{className:`field`,children:[(0,C.jsx)(`label`,{htmlFor:`${d}-price`,children:c(`market.observedPrice`)}),(0,C.jsx)(`input`,{id:`${d}-price`,name:`observedPrice`,inputMode:`decimal`,value:p.observedPrice,onChange:E(`observedPrice`)}),w(`observedPrice`)]}),(0,C.jsxs)(`div`,{className:`field`,children:[(0,C.jsx)(`label`,{htmlFor:`${d}-on`,children:c(`market.observedOn`)}),(0,C.jsx)(`input`,{id:`${d}-on`,name:`observedOn`,type:`date`,max:n,value:p.observedOn,onChange:E(`observedOn`)}),w(`observedOn`)]})]}),(0,C.jsxs)(`div`,{className:`field`,children:[(0,C.jsx)(`label`,{htmlFor:`${d}-note`,children:c(`market.note`)}),(0,C.jsx)(`textarea`,{id:`${d}-note`,name:`note`,rows:2,maxLength:2e3,value:p.note,onChange:E(`note`)}),w(`note`)]}),T.map((e,t)=>(0,C.jsx)(`p`,{className:`field-error`,role:`alert`,children:s(c,e,`market`)},t)),(0,C.jsxs)(`p`,{className:`actions-row`,children:[(0,C.jsx)(`button`,{type:`submit`,className:`button button-primary`,disabled:_,children:c(`market.submit`)}),(0,C.jsx)(`span`,{role:`status`,className:`muted`,children:h?c(`market.submitted`):``})]})]})]})}function j({sent:e}){let{t,i18n:n}=i(),[{data:r,error:a},o]=d({query:E,variables:{}});(0,S.useEffect)(()=>{e&&o({requestPolicy:`network-only`})},[e,o]);let s=r?.priceObservations??[];return(0,C.jsxs)(`section`,{"aria-labelledby":`market-observations`,children:[(0,C.jsx)(`h2`,{id:`market-observations`,children:t(`market.observations`)}),a&&!r?(0,C.jsx)(m,{error:a}):r?s.length?(0,C.jsxs)(`table`,{className:`table observations`,children:[(0,C.jsx)(`thead`,{children:(0,C.jsxs)(`tr`,{children:[(0,C.jsx)(`th`,{scope:`col`,children:t(`market.product`)}),(0,C.jsx)(`th`,{scope:`col`,children:t(`market.territory`)}),(0,C.jsx)(`th`,{scope:`col`,children:t(`market.competitor`)}),(0,C.jsx)(`th`,{scope:`col`,className:`num`,children:t(`market.observedPrice`)}),(0,C.jsx)(`th`,{scope:`col`,className:`num`,children:t(`market.ourPrice`)}),(0,C.jsx)(`th`,{scope:`col`,children:t(`market.observedOn`)})]})}),(0,C.jsx)(`tbody`,{children:s.map((e,r)=>(0,C.jsxs)(`tr`,{"data-competitor":e.competitor,children:[(0,C.jsxs)(`th`,{scope:`row`,"data-label":t(`market.product`),children:[x(e.product,n.language),` `,(0,C.jsx)(`span`,{className:`muted mono`,children:e.product.sku})]}),(0,C.jsx)(`td`,{"data-label":t(`market.territory`),children:x(e.territory,n.language)}),(0,C.jsx)(`td`,{"data-label":t(`market.competitor`),children:e.competitor}),(0,C.jsx)(`td`,{"data-label":t(`market.observedPrice`),className:`num money`,children:v(e.observedPrice,n.language)}),(0,C.jsx)(`td`,{"data-label":t(`market.ourPrice`),className:`num money`,children:e.ourPrice?v(e.ourPrice,n.language):`—`}),(0,C.jsx)(`td`,{"data-label":t(`market.observedOn`),children:y(e.observedOn,n.language)})]},r))})]}):(0,C.jsx)(g,{children:t(`market.noObservations`)}):(0,C.jsx)(h,{}),r&&s.length>0&&(0,C.jsx)(`p`,{className:`muted`,children:t(`market.anonymous`)})]})}function M({territories:e,products:t,staff:n,sent:a}){let{t:o,i18n:s}=i(),c=(0,S.useId)(),[l,u]=r(),f={territoryID:l.get(`territory`)||null,productID:l.get(`product`)||null,from:l.get(`from`)||null,to:l.get(`to`)||null},T=l.get(`after`),E=l.get(`before`),O={...f,...E?{last:w,before:E}:{first:w,after:T??null}},[{data:k,error:A,fetching:j},M]=d({query:D,variables:O});(0,S.useEffect)(()=>{a&&M({requestPolicy:`network-only`})},[a,M]);let N=e=>{let t={},n={territory:f.territoryID,product:f.productID,from:f.from,to:f.to,...e};for(let[e,r]of Object.entries(n))r&&(t[e]=r);u(t)},P=k?.marketReports,F=(P?.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,C.jsxs)(`section`,{"aria-labelledby":`market-reports`,children:[(0,C.jsx)(`h2`,{id:`market-reports`,children:o(n?`market.reports`:`market.yourReports`)}),n&&(0,C.jsxs)(`div`,{className:`filter`,children:[(0,C.jsx)(`label`,{htmlFor:`${c}-t`,children:o(`market.territory`)}),(0,C.jsxs)(`select`,{id:`${c}-t`,value:f.territoryID??``,onChange:e=>N({territory:e.target.value}),children:[(0,C.jsx)(`option`,{value:``,children:o(`market.allTerritories`)}),e.map(e=>(0,C.jsx)(`option`,{value:e.id,children:x(e,s.language)},e.id))]}),(0,C.jsx)(`label`,{htmlFor:`${c}-p`,children:o(`market.product`)}),(0,C.jsxs)(`select`,{id:`${c}-p`,value:f.productID??``,onChange:e=>N({product:e.target.value}),children:[(0,C.jsx)(`option`,{value:``,children:o(`market.allProducts`)}),t.map(e=>(0,C.jsx)(`option`,{value:e.id,children:x(e,s.language)},e.id))]}),(0,C.jsx)(`label`,{htmlFor:`${c}-from`,children:o(`market.from`)}),(0,C.jsx)(`input`,{id:`${c}-from`,type:`date`,value:f.from??``,onChange:e=>N({from:e.target.value})}),(0,C.jsx)(`label`,{htmlFor:`${c}-to`,children:o(`market.to`)}),(0,C.jsx)(`input`,{id:`${c}-to`,type:`date`,value:f.to??``,onChange:e=>N({to:e.target.value})})]}),j&&!k?(0,C.jsx)(h,{}):A&&!k?(0,C.jsx)(m,{error:A,onRetry:()=>M({requestPolicy:`network-only`})}):F.length?(0,C.jsxs)(C.Fragment,{children:[(0,C.jsx)(`p`,{className:`count`,children:o(`market.count`,{count:P?.totalCount??0})}),(0,C.jsxs)(`table`,{className:`table market-reports`,children:[(0,C.jsx)(`thead`,{children:(0,C.jsxs)(`tr`,{children:[(0,C.jsx)(`th`,{scope:`col`,children:o(`market.observedOn`)}),n&&(0,C.jsx)(`th`,{scope:`col`,children:o(`market.dealer`)}),(0,C.jsx)(`th`,{scope:`col`,children:o(`market.territory`)}),(0,C.jsx)(`th`,{scope:`col`,children:o(`market.product`)}),(0,C.jsx)(`th`,{scope:`col`,children:o(`market.competitor`)}),(0,C.jsx)(`th`,{scope:`col`,className:`num`,children:o(`market.observedPrice`)}),(0,C.jsx)(`th`,{scope:`col`,children:o(`market.reportedBy`)}),(0,C.jsx)(`th`,{scope:`col`,children:o(`market.note`)})]})}),(0,C.jsx)(`tbody`,{children:F.map(e=>(0,C.jsxs)(`tr`,{"data-competitor":e.competitor,children:[(0,C.jsx)(`th`,{scope:`row`,"data-label":o(`market.observedOn`),children:y(e.observedOn,s.language)}),n&&(0,C.jsx)(`td`,{"data-label":o(`market.dealer`),children:e.dealer.name}),(0,C.jsx)(`td`,{"data-label":o(`market.territory`),children:x(e.territory,s.language)}),(0,C.jsxs)(`td`,{"data-label":o(`market.product`),children:[x(e.product,s.language),` `,(0,C.jsx)(`span`,{className:`muted mono`,children:e.product.sku})]}),(0,C.jsx)(`td`,{"data-label":o(`market.competitor`),children:e.competitor}),(0,C.jsx)(`td`,{"data-label":o(`market.observedPrice`),className:`num money`,children:v(e.observedPrice,s.language)}),(0,C.jsxs)(`td`,{"data-label":o(`market.reportedBy`),children:[e.reportedByName,` `,(0,C.jsx)(`span`,{className:`muted`,children:_(e.reportedAt,s.language)})]}),(0,C.jsxs)(`td`,{"data-label":o(`market.note`),children:[e.note,(0,C.jsx)(b,{compact:!0,parentID:e.id,attachments:e.attachments,onChange:()=>M({requestPolicy:`network-only`})})]})]},e.id))})]}),P&&(0,C.jsx)(p,{pageInfo:P.pageInfo,onPage:e=>N({after:e.after,before:e.before})})]}):(0,C.jsx)(g,{children:o(`market.noReports`)})]})}export{k as Market,T as MarketOptionsQuery,D as MarketReportsQuery,E as PriceObservationsQuery,O as SubmitMarketReportMutation};